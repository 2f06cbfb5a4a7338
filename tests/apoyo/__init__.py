"""The helpers of the test suite, one copy each (also used by bench/):

- ``proceso``: running `a3` in this process or as a real one, the shape of its errors,
  the environment of a run, an unprivileged user for permission probes;
- ``bases``: test databases built, copied and read straight from the engine;
- ``pg``: each test process's private PostgreSQL server and a test's database on it, and
  which engines a test runs on;
- ``oficina``: the office (advisors) of every test database;
- ``entorno``: the isolation of every test from the user's files, clock and advisor;
- ``cartera`` and ``app``: the sample portfolio of the app tests and the Pilot helpers;
- ``fifo``: a FIFO read by another thread, for outputs that must be written in place.
"""
