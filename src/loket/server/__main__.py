from loket.server.cli import main

raise SystemExit(main())
