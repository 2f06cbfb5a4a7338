from a3tui.cli import main

main()
