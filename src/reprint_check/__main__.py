from reprint_check.cli import main

main()
