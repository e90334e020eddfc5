from knoten.cli.main import main

main()
