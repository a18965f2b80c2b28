from kjtimeline.cli import main

main()
