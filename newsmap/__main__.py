import sys

from newsmap.cli import main

sys.exit(main())
