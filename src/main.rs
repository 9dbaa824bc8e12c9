//! The `jobsite` command line: parses arguments and prints results; the work is in the library.
#![forbid(unsafe_code)]

use clap::{Args, Parser, Subcommand};
use jiff::Timestamp;
use jobsite::build::{self, Request};
use jobsite::diagnostics::Diagnostics;
use jobsite::publish::Rules;
use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc: a build makes and frees millions of small strings from two threads, and the system
/// allocator spent about a seventh of the build's time on them (see docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "jobsite", version, about = "Builds a children's services recruitment microsite from markdown")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder, replacing it whole
    Build(BuildArgs),
    /// Preview the site in a browser, rebuilding and reloading on every save
    Serve(ServeArgs),
    /// Check the site for mistakes without writing anything
    Check(CheckArgs),
    /// Start a new vacancy, campaign, story, news item, event or page
    New(NewArgs),
    /// Report recruitment activity for the leadership team
    Report(ReportArgs),
    /// Print when the published vacancies, news or events next change by themselves (RFC 3339)
    NextChange(NextChangeArgs),
    /// Compare the site with a previously published /jobs/feed.json: one JSON line per change
    Changes(ChangesArgs),
    /// Print a JSON Schema of one kind of front matter (or site.yaml) for editors' tools
    Schema(SchemaArgs),
}

#[derive(Args)]
struct SchemaArgs {
    /// Which kind of file
    #[arg(value_parser = clap::builder::PossibleValuesParser::new(jobsite::schema::KINDS))]
    kind: String,
    /// The site folder (holding site.yaml and content/)
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

#[derive(Args)]
struct NextChangeArgs {
    /// The site folder (holding site.yaml and content/)
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Look ahead from this moment (RFC 3339) [default: now]
    #[arg(long, value_name = "RFC3339")]
    now: Option<Timestamp>,
    /// Count vacancies marked `internal_only: true` (for the intranet copy)
    #[arg(long)]
    internal: bool,
    /// On a portal: where the last good copies of the councils' feeds are kept [default: a folder
    /// for this site in your user cache folder]
    #[arg(long, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
}

#[derive(Args)]
struct ChangesArgs {
    /// The /jobs/feed.json of the site as last published (its further pages beside it)
    #[arg(long, value_name = "FEED.json")]
    previous: PathBuf,
    /// The site folder (holding site.yaml and content/)
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Compare the site as it would be built at this moment (RFC 3339) [default: now]
    #[arg(long, value_name = "RFC3339")]
    now: Option<Timestamp>,
    /// On a portal: where the last good copies of the councils' feeds are kept [default: a folder
    /// for this site in your user cache folder]
    #[arg(long, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
}

#[derive(Args)]
struct ReportArgs {
    /// The site folder (holding site.yaml and content/)
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Report as at this moment (RFC 3339) [default: now]
    #[arg(long, value_name = "RFC3339")]
    now: Option<Timestamp>,
    /// Markdown for people, CSV for spreadsheets, JSON for dashboards
    #[arg(long, value_enum, default_value = "md")]
    format: jobsite::report::Format,
    /// Include vacancies marked `internal_only: true`, counted separately
    #[arg(long)]
    internal: bool,
    /// On a portal: where the last good copies of the councils' feeds are kept [default: a folder
    /// for this site in your user cache folder]
    #[arg(long, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
}

#[derive(Args)]
struct NewArgs {
    /// What to start
    #[arg(value_enum)]
    kind: jobsite::scaffold::Kind,
    /// Its title; the file name is made from it
    title: String,
    /// The site folder (holding site.yaml and content/)
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Use this moment for today's date (RFC 3339) [default: now]
    #[arg(long, value_name = "RFC3339")]
    now: Option<Timestamp>,
}

#[derive(Args)]
struct CheckArgs {
    /// The site folder (holding site.yaml and content/)
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Check as if it were this moment (RFC 3339) [default: now]
    #[arg(long, value_name = "RFC3339")]
    now: Option<Timestamp>,
    /// How to print findings: for people, as JSON lines, or as GitHub workflow annotations
    #[arg(long, value_enum, default_value = "human")]
    format: jobsite::check::Format,
    /// Fail on warnings too, not only on errors
    #[arg(long)]
    strict: bool,
    /// On a portal: where the last good copies of the councils' feeds are kept [default: a folder
    /// for this site in your user cache folder]
    #[arg(long, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
}

#[derive(Args)]
struct ServeArgs {
    /// The site folder (holding site.yaml and content/)
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The address to listen on; anything but 127.0.0.1 or ::1 shows the preview to your network
    #[arg(long, default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// The port to listen on; the next free one is used if it is taken (0 picks any free port)
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// Show drafts (the default: each has a "Draft – not published" banner)
    #[arg(long, overrides_with = "no_drafts", hide = true)]
    drafts: bool,
    /// Hide pages marked `draft: true`, as the published site does
    #[arg(long)]
    no_drafts: bool,
    /// Include vacancies marked `internal_only: true`
    #[arg(long)]
    internal: bool,
    /// Preview as if it were this moment (RFC 3339) [default: the time of each rebuild]
    #[arg(long, value_name = "RFC3339")]
    now: Option<Timestamp>,
    /// Open the preview in the default browser
    #[arg(long)]
    open: bool,
    /// On a portal: where the last good copies of the councils' feeds are kept [default: a folder
    /// for this site in your user cache folder]
    #[arg(long, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
}

#[derive(Args)]
struct BuildArgs {
    /// The site folder (holding site.yaml and content/)
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Where to write the site [default: <root>/public]
    #[arg(long)]
    output: Option<PathBuf>,
    /// Publish at this address instead of site.yaml's base_url (for preview deployments)
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Build as if it were this moment (RFC 3339, e.g. 2026-11-22T09:00:00Z) [default: now]
    #[arg(long, value_name = "RFC3339")]
    now: Option<Timestamp>,
    /// Include vacancies and pages marked `draft: true`
    #[arg(long)]
    drafts: bool,
    /// Include vacancies marked `internal_only: true` (for the intranet copy)
    #[arg(long)]
    internal: bool,
    /// Build into an output folder that jobsite did not make, replacing everything in it
    #[arg(long)]
    force: bool,
    /// On a portal: take this source's new feed even though it dropped most of its open vacancies
    /// (the source's name or its slug; repeat for several)
    #[arg(long, value_name = "NAME")]
    accept_drop: Vec<String>,
    /// On a portal: build from the last good copies of the sources' feeds, asking no server
    #[arg(long)]
    offline: bool,
    /// On a portal: where the last good copies of the councils' feeds are kept [default: a folder
    /// for this site in your user cache folder]
    #[arg(long, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => run_build(args),
        Command::Serve(args) => run_serve(args),
        Command::Check(args) => run_check(args),
        Command::Report(args) => run_report(args),
        Command::NextChange(args) => run_next_change(args),
        Command::Changes(args) => run_changes(args),
        Command::Schema(args) => match jobsite::schema::run(&args.root, &args.kind) {
            Ok(json) => {
                print!("{json}");
                ExitCode::SUCCESS
            }
            Err(problems) => {
                eprint!("{problems}");
                ExitCode::FAILURE
            }
        },
        Command::New(args) => {
            match jobsite::scaffold::create(&args.root, args.kind, &args.title, args.now.unwrap_or_else(Timestamp::now))
            {
                Ok(path) => {
                    println!("{}", path.display());
                    ExitCode::SUCCESS
                }
                Err(problems) => {
                    eprint!("{problems}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

/// Whether this is a CI run (`CI=true`, as GitHub Actions, GitLab CI and others set it), where a
/// portal feed held back by the drop guard stops the build so that a person decides.
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true"))
}

/// The site as the public sees it at `now`: no drafts, no internal-only vacancies, nothing written.
fn public_view(root: PathBuf, now: Option<Timestamp>, cache_dir: Option<PathBuf>) -> Request {
    Request {
        output: root.join("public"),
        root,
        base_url: None,
        rules: Rules { now: now.unwrap_or_else(Timestamp::now), drafts: false, internal: false },
        force: false,
        // Reports read the copies the last build kept; `check` asks the servers (see run_check).
        sources: build::Fetching {
            offline: true,
            keep: false,
            accept_drop: Vec::new(),
            cache_dir,
            drops_are_errors: false,
        },
    }
}

fn run_report(args: ReportArgs) -> ExitCode {
    let mut request = public_view(args.root, args.now, args.cache_dir);
    request.rules.internal = args.internal;
    match build::load(&request) {
        Ok((library, _)) => {
            print!("{}", jobsite::report::render(&jobsite::report::build(&library, &request.rules), args.format));
            ExitCode::SUCCESS
        }
        Err(problems) => {
            eprint!("{problems}");
            eprintln!("The report could not be made: fix the problems above first.");
            ExitCode::FAILURE
        }
    }
}

fn run_next_change(args: NextChangeArgs) -> ExitCode {
    let mut request = public_view(args.root, args.now, args.cache_dir);
    request.rules.internal = args.internal;
    match build::load(&request) {
        Ok((library, _)) => {
            if let Some(t) = jobsite::publish::next_change(&library, &request.rules) {
                println!("{t}");
            }
            ExitCode::SUCCESS
        }
        Err(problems) => {
            eprint!("{problems}");
            ExitCode::FAILURE
        }
    }
}

fn run_changes(args: ChangesArgs) -> ExitCode {
    let request = public_view(args.root, args.now, args.cache_dir);
    let found = build::load(&request)
        .and_then(|(library, _)| jobsite::schedule::changes(&library, &request.rules, &args.previous));
    match found {
        Ok(changes) => {
            print!("{}", jobsite::schedule::json_lines(&changes));
            ExitCode::SUCCESS
        }
        Err(problems) => {
            eprint!("{problems}");
            ExitCode::FAILURE
        }
    }
}

fn run_check(args: CheckArgs) -> ExitCode {
    use std::io::IsTerminal;
    let mut request = public_view(args.root, args.now, args.cache_dir);
    request.sources.offline = false;
    request.sources.drops_are_errors = args.strict || in_ci();
    let found = jobsite::check::run(&request);
    let colour = args.format == jobsite::check::Format::Human && std::io::stdout().is_terminal();
    let reader = jobsite::check::source_reader(&request.root);
    print!("{}", jobsite::check::render(&found, args.format, colour, &reader));
    if args.format == jobsite::check::Format::Human {
        println!("{}", jobsite::check::summary(&found));
    }
    if jobsite::check::fails(&found, args.strict) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn run_serve(args: ServeArgs) -> ExitCode {
    let options = jobsite::serve::Options {
        root: args.root,
        bind: args.bind,
        port: args.port,
        // The preview shows what an editor is writing: drafts, bannered, unless asked not to.
        drafts: args.drafts || !args.no_drafts,
        internal: args.internal,
        now: args.now,
        open: args.open,
        cache_dir: args.cache_dir,
    };
    match jobsite::serve::run(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(problems) => {
            eprint!("{problems}");
            ExitCode::FAILURE
        }
    }
}

fn run_build(args: BuildArgs) -> ExitCode {
    let output = args.output.unwrap_or_else(|| args.root.join("public"));
    let request = Request {
        root: args.root,
        output: output.clone(),
        base_url: args.base_url,
        rules: Rules { now: args.now.unwrap_or_else(Timestamp::now), drafts: args.drafts, internal: args.internal },
        force: args.force,
        sources: build::Fetching {
            offline: args.offline,
            keep: true,
            accept_drop: args.accept_drop,
            cache_dir: args.cache_dir,
            drops_are_errors: in_ci(),
        },
    };
    match build::build(&request) {
        Ok(report) => {
            eprint!("{}", report.warnings);
            println!("{}", report.summary(&output));
            ExitCode::SUCCESS
        }
        Err(problems) => {
            print_failure(&problems, output.exists());
            ExitCode::FAILURE
        }
    }
}

/// Prints a failed build's problems; `had_site` says whether there was a previous site to keep.
fn print_failure(problems: &Diagnostics, had_site: bool) {
    eprint!("{problems}");
    let n = problems.error_count();
    let errors = if n == 1 { "error" } else { "errors" };
    if had_site {
        eprintln!("Build failed with {n} {errors}; the previous site was left as it was.");
    } else {
        eprintln!("Build failed with {n} {errors}; nothing was written.");
    }
}
