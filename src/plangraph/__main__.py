from plangraph.cli import main

main()
