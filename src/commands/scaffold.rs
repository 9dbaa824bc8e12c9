//! `jobsite new`: starts a content file of a given type with every required key filled in,
//! sensible defaults, comments that explain each key, and REPLACE-ME on what only a person can
//! write. New files are drafts, so nothing half-written is published.

use crate::commands::check::PLACEHOLDER;
use crate::diagnostics::{relative_name, Diagnostic, Diagnostics};
use crate::model::config::{self, Site};
use crate::model::content;
use jiff::{civil::Date, Timestamp, ToSpan};
use std::path::{Path, PathBuf};

/// The kinds of file `jobsite new` can start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    Vacancy,
    Campaign,
    Story,
    News,
    Event,
    Page,
}

impl Kind {
    /// The kind of content it starts.
    fn content(self) -> content::Kind {
        match self {
            Kind::Vacancy => content::Kind::Vacancy,
            Kind::Campaign => content::Kind::Campaign,
            Kind::Story => content::Kind::Story,
            Kind::News => content::Kind::News,
            Kind::Event => content::Kind::Event,
            Kind::Page => content::Kind::Page,
        }
    }

    /// Its folder from the site folder (`content/jobs`, or `content` for a page).
    fn folder(self) -> String {
        match self.content().folder() {
            Some(folder) => format!("content/{folder}"),
            None => "content".to_string(),
        }
    }
}

/// Writes the new file and returns its path, or what stops it.
pub fn create(root: &Path, kind: Kind, title: &str, now: Timestamp) -> Result<PathBuf, Diagnostics> {
    let one = |d: Diagnostic| Diagnostics(vec![d]);
    let text = std::fs::read_to_string(root.join(config::SITE_FILE)).map_err(|e| {
        one(Diagnostic::error(config::SITE_FILE, format!("could not read it: {e}"))
            .hint("run jobsite new in the site folder, or give it with --root"))
    })?;
    let site = config::parse_site(&text).map_err(|problems| Diagnostics(problems.into_iter().collect()))?;
    let slug = slug::slugify(title);
    if slug.is_empty() {
        return Err(one(Diagnostic::error(
            kind.folder(),
            "the title needs at least one letter or digit to make a file name from",
        )
        .hint("give a title such as \"Social Worker, Fostering\"")));
    }
    let path = root.join(kind.folder()).join(format!("{slug}.md"));
    let name = relative_name(root, &path);
    if path.exists() {
        return Err(one(
            Diagnostic::error(&name, "this file already exists").hint("choose another title or edit that file")
        ));
    }
    let today = now.to_zoned(site.timezone.clone()).date();
    let body = match kind {
        Kind::Vacancy => vacancy(&site, title, today, &existing_references(root)),
        Kind::Campaign => campaign(title),
        Kind::Story => story(title, today),
        Kind::News => news(title, today),
        Kind::Event => event(title, today),
        Kind::Page => page(title),
    };
    let body = match &site.editor_schemas {
        Some(folder) => with_schema_line(&body, kind, folder),
        None => body,
    };
    let failed = |e: std::io::Error| {
        one(Diagnostic::error(&name, format!("could not create this file: {e}"))
            .hint("check that you may write to the site folder"))
    };
    std::fs::create_dir_all(path.parent().expect("content files have a folder")).map_err(failed)?;
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&path).map_err(failed)?;
    std::io::Write::write_all(&mut file, body.as_bytes()).map_err(failed)?;
    Ok(path)
}

/// The text with a first comment naming its schema for the YAML language server (editors' tools),
/// at `folder` in the site, relative to the new file.
fn with_schema_line(body: &str, kind: Kind, folder: &str) -> String {
    let up = "../".repeat(kind.folder().split('/').count());
    let name = match kind {
        Kind::Vacancy => "vacancy",
        Kind::Campaign => "campaign",
        Kind::Story => "story",
        Kind::News => "news",
        Kind::Event => "event",
        Kind::Page => "page",
    };
    let rest = body.strip_prefix("---\n").unwrap_or(body);
    format!("---\n# yaml-language-server: $schema={up}{folder}/{name}.json\n{rest}")
}

/// Every `reference:` already written under `content/jobs/`, read line by line so a file with
/// other mistakes still counts.
fn existing_references(root: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(root.join("content/jobs")) else { return Vec::new() };
    entries
        .filter_map(Result::ok)
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .flat_map(|text| {
            text.lines()
                .filter_map(|l| l.strip_prefix("reference:"))
                .map(|r| r.split(" #").next().unwrap_or("").trim().trim_matches(['"', '\'']).to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// A YAML scalar for a title: quoted, so colons and symbols are safe.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn header(what: &str) -> String {
    format!(
        "---\n# A new {what}, started by `jobsite new`. Fill in each line marked {PLACEHOLDER}, then delete\n\
         # `draft: true` (the last line) to publish it. Every key is described in docs/content.md.\n"
    )
}

fn vacancy(site: &Site, title: &str, today: Date, references: &[String]) -> String {
    let pattern =
        crate::model::reference::Pattern::parse(&site.reference_pattern).expect("site.yaml checked the pattern");
    let reference = pattern.next(today.year(), references.iter().map(String::as_str));
    let names = |list: Vec<&str>| list.join(", ");
    let closes = today.checked_add(28.days()).unwrap_or(today);
    format!(
        "{header}title: {title}\n\
         # The vacancy's permanent identity for job boards: never change it once published.\n\
         reference: {reference}\n\
         level: {level} # {PLACEHOLDER}: choose one of: {levels}\n\
         team: {team} # {PLACEHOLDER}: choose one of: {teams}\n\
         # For several workplaces, write a list: [{place}, …]\n\
         location: {place} # {PLACEHOLDER}: choose one of: {places}\n\
         salary:\n  min: 30000 # {PLACEHOLDER}: the lowest pay, a plain number without £ or commas\n  max: 35000 # {PLACEHOLDER}: the highest pay, or delete this line\n  \
         # period: year (or month, week, day, hour)\n  # note: depending on experience\n\
         # grade: Grade 9\n\
         # Hours a week; fewer than {full} is part-time.\n\
         hours: {full}\n\
         # permanent, fixed-term, secondment or temporary\n\
         contract: permanent\n\
         hybrid: true\n\
         # working_pattern: [full-time, job-share] (or part-time, compressed-hours, term-time, flexible-hours, annualised-hours)\n\
         # payments:\n#   - amount: 3000\n#     description: recruitment payment\n#     note: paid after probation\n\
         # What the post needs, when it differs from site.yaml's defaults:\n\
         # dbs: enhanced-barred (or basic, standard, enhanced)\n# registration: Social Work England (or none)\n\
         # visa_sponsorship: true\n# driving: true\n\
         # Published from this date; open until the end of the closing date. For an advert open\n\
         # until filled, write `closes: rolling` and the date you will review it: `review_by: {review_by}`\n\
         posted: {today}\n\
         closes: {closes}\n\
         # shortlisting: {shortlisting}\n\
         # interviews: [{interviews}]\n\
         apply_url: https://{PLACEHOLDER}.invalid/apply # {PLACEHOLDER}: the application form's address\n\
         # contact:\n#   name: Sam Okafor\n#   email: recruitment@example.gov.uk\n#   phone: \"01632 960 000\"\n\
         # campaign: file name of a campaign in content/campaigns/, without .md\n\
         # benefits: [file names from content/benefits/, without .md]\n\
         summary: {PLACEHOLDER} one sentence a candidate sees in lists and on job boards\n\
         draft: true\n---\n\
         ## About the role\n\n{PLACEHOLDER}: what the job is, and what a week in it looks like.\n\n\
         ## About the team\n\n{PLACEHOLDER}: who they will work with, and how the team supports them.\n\n\
         ## What we are looking for\n\n- {PLACEHOLDER}: qualifications, registration and experience\n",
        header = header("vacancy"),
        title = quoted(title),
        levels = names(site.levels.iter().map(|t| t.name.as_str()).collect()),
        level = site.levels[0].name,
        teams = names(site.teams.iter().map(|t| t.name.as_str()).collect()),
        team = site.teams[0].name,
        places = names(site.locations.iter().map(|p| p.name.as_str()).collect()),
        place = site.locations[0].name,
        full = crate::output::format::number(site.full_time_hours),
        review_by = today.checked_add(56.days()).unwrap_or(today),
        shortlisting = closes.checked_add(7.days()).unwrap_or(closes),
        interviews = closes.checked_add(14.days()).unwrap_or(closes),
    )
}

fn campaign(title: &str) -> String {
    format!(
        "{}title: {}\nsummary: {PLACEHOLDER} one sentence about the campaign\n\
         # shortlisting: 2026-12-10\n# interviews: [2026-12-15, 2026-12-16]\n\
         # How candidates say which team they would prefer (a standard wording is used if absent):\n\
         # team_preference: List the teams in the order you would like them.\n\
         draft: true\n---\n{PLACEHOLDER}: who the campaign is for, and what makes these roles worth applying for.\n\
         Vacancies join the campaign with a `campaign:` line naming this file.\n",
        header("campaign"),
        quoted(title)
    )
}

fn story(title: &str, today: Date) -> String {
    format!(
        "{}title: {}\nname: {PLACEHOLDER}\nrole: {PLACEHOLDER}\n# team: Fostering\n\
         summary: {PLACEHOLDER} one sentence about the story\n\
         # photo: /images/stories/name.jpg\n# photo_alt: what the photo shows, for people who cannot see it\n\
         # A film needs a transcript: a \"## Transcript\" heading below, or a transcript: file.\n\
         # video: https://…\n# captions: /media/name.vtt\n\
         date: {today}\ndraft: true\n---\n{PLACEHOLDER}: the story, in the person's own words.\n",
        header("staff story"),
        quoted(title)
    )
}

fn news(title: &str, today: Date) -> String {
    format!(
        "{}title: {}\n# Not published before this date.\ndate: {today}\nsummary: {PLACEHOLDER} one sentence\ndraft: true\n---\n{PLACEHOLDER}: the news.\n",
        header("news item"),
        quoted(title)
    )
}

fn event(title: &str, today: Date) -> String {
    let day = today.checked_add(14.days()).unwrap_or(today);
    format!(
        "{}title: {}\nstarts: {day} 10:00\nends: {day} 15:00\nlocation: {PLACEHOLDER} the address, with step-free access details\n\
         # booking_url: https://…\nsummary: {PLACEHOLDER} one sentence\ndraft: true\n---\n{PLACEHOLDER}: what happens at the event and who it is for.\n",
        header("event"),
        quoted(title)
    )
}

fn page(title: &str) -> String {
    format!(
        "{}title: {}\nsummary: {PLACEHOLDER} one sentence\n# menu: true (to list the page in the main navigation)\ndraft: true\n---\n{PLACEHOLDER}: the page.\n",
        header("page"),
        quoted(title)
    )
}
