from segur_devis.cli import main

raise SystemExit(main())
