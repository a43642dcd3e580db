"""`sentinel`: the user's handle on the project. Each command lives in sentinel/commands/."""

from __future__ import annotations

import typer

from sentinel.commands import anomalies, demo, dev, package_glue, query, run, serve, status
from sentinel.generate.command import generate_command

app = typer.Typer(no_args_is_help=True, add_completion=False, rich_markup_mode=None,
                  help="Sentinel: exact cloud cost analytics.")

app.command("run")(run.run)
app.command("query")(query.query)
app.command("anomalies")(anomalies.anomalies)
app.command("serve")(serve.serve)
app.command("demo")(demo.demo)
app.command("status")(status.status)
app.command("dev")(dev.dev)
app.command("package-glue")(package_glue.package_glue)

app.command("generate", help="Write synthetic billing exports in AWS's delivery layouts.")(generate_command)

if __name__ == "__main__":
    app()
