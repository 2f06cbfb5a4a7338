"""a3: keyboard-first terminal CRM for real-estate sales advisors."""

__version__ = "0.1.0"
