"""``export-torch`` and ``import-torch``: the bridge to PyTorch on the command line.

    backprop-studio export-torch FILE -o model.py [--verify N]
    backprop-studio import-torch WEIGHTS.pt --like FILE -o OUT.json

Exit codes as the other subcommands (docs/cli.md): 0 done (and, with --verify, the script
agrees with the app to 1e-9); 1 --verify found a larger difference; 2 bad input, or torch is
needed (--verify, import-torch) and not installed.  Torch is never imported to write a script.
"""
from __future__ import annotations

import argparse
from typing import Any

from backprop_studio.core.bridge import parity
from backprop_studio.core.bridge.torch_script import export_script
from backprop_studio.core.bridge.torch_weights import import_torch, load_weights
from backprop_studio.core.checks.atomic import write_atomically
from backprop_studio.core.files import project_file

from .common import EXIT_CHECK_FAILED, EXIT_OK, check_output, count, fail, out_path

MAX_VERIFY_STEPS = 10_000
"""The most steps ``--verify`` takes: the script and the app each take every step (the script at
torch's pace, a subprocess of this Python), and a difference shows within a few hundred."""


def register(subparsers: Any) -> None:
    """Add ``export-torch`` and ``import-torch`` to an argparse ``add_subparsers()`` object."""
    export = subparsers.add_parser("export-torch", help="write the project as a runnable PyTorch script")
    export.add_argument("file", metavar="FILE", help="a project file (.json)")
    export.add_argument("-o", "--out", type=out_path, required=True, metavar="model.py",
                        help="the script to write")
    export.add_argument("--verify", type=_verify_steps, metavar="N",
                        help=f"run the script and the app for N steps and compare (needs torch; "
                             f"N at most {MAX_VERIFY_STEPS:,})")
    export.set_defaults(func=cmd_export_torch)
    imp = subparsers.add_parser("import-torch", help="put a PyTorch state_dict's weights into a project")
    imp.add_argument("file", metavar="WEIGHTS.pt", help="a saved state_dict of Linear layers (torch.save)")
    imp.add_argument("--like", required=True, metavar="FILE", help="the project whose network they fit")
    imp.add_argument("-o", "--out", type=out_path, required=True, metavar="OUT.json",
                     help="the project file to write")
    imp.set_defaults(func=cmd_import_torch)


def _verify_steps(text: str) -> int:
    n = count(text)
    if n > MAX_VERIFY_STEPS:
        raise argparse.ArgumentTypeError(f"at most {MAX_VERIFY_STEPS:,} steps, got {n:,} (both the script "
                                         "and the app take every step; a difference shows within a few hundred)")
    return n


def cmd_export_torch(args: argparse.Namespace) -> int:
    check_output(args.out, "-o")
    if args.verify is not None:
        import_torch("--verify")          # refused before anything is written
    session = project_file.load(args.file)
    # the whole text first (it refuses a non-finite value), then one atomic write: never a partial file
    write_atomically(args.out, export_script(session))
    print(f"wrote {args.out} (step {session.step_count}; run: python {args.out} --steps N)")
    if args.verify is None:
        return EXIT_OK
    script = parity.script_result(args.out, args.verify)
    app = parity.engine_result(session, args.verify)
    worst = parity.worst_difference(script, app)
    print(f"verify: {args.verify} steps; losses, weights and biases differ by at most {worst:.3e} "
          f"(tolerance {parity.TOLERANCE:g})")
    if not worst <= parity.TOLERANCE:
        fail(f"verify failed: the script and the app differ by {worst:.3e} > {parity.TOLERANCE:g}")
        return EXIT_CHECK_FAILED
    return EXIT_OK


def cmd_import_torch(args: argparse.Namespace) -> int:
    check_output(args.out, "-o")
    session = project_file.load(args.like)
    params = load_weights(args.file, session.network)
    session.set_parameters(params)
    project_file.save(session, args.out)
    print(f"wrote {args.out}: the weights of {args.file} in the network of {args.like}")
    return EXIT_OK
