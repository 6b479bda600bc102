from cranes_cli.cli import main

main()
