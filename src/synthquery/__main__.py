from synthquery.cli import main

raise SystemExit(main())
