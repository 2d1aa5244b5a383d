import sys

from backprop_studio.gui.launcher import main

sys.exit(main())
