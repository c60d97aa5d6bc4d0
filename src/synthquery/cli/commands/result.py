"""``synthquery result JOB_ID --out DIR``: fetch (and if needed wait for) a submitted job."""

from __future__ import annotations

import argparse

from synthquery.cli.commands.predict import (
    add_polling_arguments,
    check_out_dir,
    fetch_and_save,
    read_query,
)

HELP = "Fetch the result of a submitted prediction job and save it (resumes an interrupted run)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("job_id", help="the job id printed by `synthquery predict`")
    parser.add_argument(
        "--model", help="model id the job ran on (picks SYNTHESIZE_API_BASE_URL__<MODEL>)"
    )
    parser.add_argument(
        "--query",
        metavar="FILE",
        help="the submitted query, to fill input_index/sample_index and check the row count",
    )
    add_polling_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from synthquery.client import Client

    query = read_query(args.query) if args.query else None
    check_out_dir(args.out, args.format)
    with Client() as client:
        return fetch_and_save(client, args.job_id, args, query)
