//! `jobsite report`: recruitment activity at `--now` for the leadership team: open vacancies by
//! team × level, location and contract; each open vacancy's age and time left; what closes within
//! a week; what closed in the last 30 days; and campaigns with their open and closed roles.

use crate::model::content::{Library, Vacancy};
use crate::model::publish::{self, Rules};
use jiff::civil::Date;
use serde::Serialize;

const CLOSING_WITHIN_DAYS: i32 = 7;
const CLOSED_WITHIN_DAYS: i32 = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Md,
    Csv,
    Json,
}

#[derive(Serialize)]
pub struct Report<'a> {
    pub date: String,
    pub open: usize,
    /// Of `open`, those for internal applicants only (counted only with `--internal`).
    pub open_internal_only: usize,
    pub levels: Vec<&'a str>,
    pub by_team_and_level: Vec<TeamRow<'a>>,
    pub by_location: Vec<Count<'a>>,
    pub by_contract: Vec<Count<'a>>,
    pub open_vacancies: Vec<Line<'a>>,
    pub closing_within_7_days: Vec<Line<'a>>,
    pub closed_in_last_30_days: Vec<Line<'a>>,
    pub campaigns: Vec<CampaignLine<'a>>,
}

#[derive(Serialize)]
pub struct TeamRow<'a> {
    pub team: &'a str,
    /// Open vacancies at each level, in the order of `levels`.
    pub open: Vec<usize>,
    pub total: usize,
}

#[derive(Serialize)]
pub struct Count<'a> {
    pub name: &'a str,
    pub open: usize,
}

#[derive(Serialize, Clone)]
pub struct Line<'a> {
    pub status: &'static str,
    pub reference: &'a str,
    pub title: &'a str,
    pub team: &'a str,
    pub level: &'a str,
    pub locations: Vec<&'a str>,
    pub contract: &'static str,
    #[serde(serialize_with = "crate::output::feeds::number")]
    pub hours: f64,
    pub posted: String,
    pub closes: String,
    pub days_since_posted: i32,
    /// Days until the closing day (0 = closes today); absent for closed vacancies and rolling adverts.
    pub days_to_closing: Option<i32>,
    pub campaign: Option<&'a str>,
}

#[derive(Serialize)]
pub struct CampaignLine<'a> {
    pub title: &'a str,
    pub open: Vec<&'a str>,
    pub closed: Vec<&'a str>,
}

fn line<'a>(library: &'a Library, v: &'a Vacancy, today: Date, open: bool) -> Line<'a> {
    let site = &library.site;
    Line {
        status: if open { "open" } else { "closed" },
        reference: &v.reference.value,
        title: &v.title,
        team: &site.teams[v.team].name,
        level: &site.levels[v.level].name,
        locations: v.locations.iter().map(|&i| site.locations[i].name.as_str()).collect(),
        contract: v.contract.name(),
        hours: v.hours,
        posted: v.posted.date().to_string(),
        closes: v.closes.on().map_or_else(|| "rolling".to_string(), |c| c.date().to_string()),
        days_since_posted: (today - v.posted.date()).get_days(),
        days_to_closing: v.closes.on().filter(|_| open).map(|c| (c.date() - today).get_days()),
        campaign: v.campaign.as_ref().map(|c| c.value.as_str()),
    }
}

pub fn build<'a>(library: &'a Library, rules: &Rules) -> Report<'a> {
    let site = &library.site;
    let tz = &site.timezone;
    let today = rules.now.to_zoned(tz.clone()).date();
    let selection = publish::select(library, rules);
    let open_vacancies: Vec<Line> = selection.open.iter().map(|v| line(library, v, today, true)).collect();
    let recently_closed: Vec<&Vacancy> = selection
        .closed
        .iter()
        .copied()
        .filter(|v| v.closes.on().is_some_and(|c| (today - c.date()).get_days() <= CLOSED_WITHIN_DAYS))
        .collect();
    let count_open = |pred: &dyn Fn(&Vacancy) -> bool| selection.open.iter().filter(|v| pred(v)).count();
    let mut closing: Vec<Line> = open_vacancies
        .iter()
        .filter(|l| l.days_to_closing.is_some_and(|d| d <= CLOSING_WITHIN_DAYS))
        .cloned()
        .collect();
    closing.sort_by_key(|l| (l.days_to_closing, l.reference));
    Report {
        date: today.to_string(),
        open: selection.open.len(),
        open_internal_only: count_open(&|v| v.internal_only),
        levels: site.levels.iter().map(|l| l.name.as_str()).collect(),
        by_team_and_level: site
            .teams
            .iter()
            .enumerate()
            .map(|(t, team)| {
                let open: Vec<usize> =
                    (0..site.levels.len()).map(|l| count_open(&|v| v.team == t && v.level == l)).collect();
                TeamRow { team: &team.name, total: open.iter().sum(), open }
            })
            .collect(),
        by_location: site
            .locations
            .iter()
            .enumerate()
            .map(|(i, p)| Count { name: &p.name, open: count_open(&|v| v.locations.contains(&i)) })
            .collect(),
        by_contract: crate::model::content::Contract::ALL
            .iter()
            .map(|c| Count { name: c.label(), open: count_open(&|v| v.contract == *c) })
            .collect(),
        closing_within_7_days: closing,
        closed_in_last_30_days: recently_closed.iter().map(|v| line(library, v, today, false)).collect(),
        open_vacancies,
        campaigns: selection
            .campaigns
            .iter()
            .map(|c| {
                let refs = |list: &[&'a Vacancy]| -> Vec<&'a str> {
                    list.iter()
                        .filter(|v| v.campaign.as_ref().is_some_and(|x| x.value == c.stem))
                        .map(|v| v.reference.value.as_str())
                        .collect()
                };
                CampaignLine { title: &c.title, open: refs(&selection.open), closed: refs(&selection.closed) }
            })
            .collect(),
    }
}

/// The report in `format`.
pub fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Json => serde_json::to_string_pretty(report).expect("reports serialise") + "\n",
        Format::Csv => csv(report),
        Format::Md => markdown(report),
    }
}

fn csv(report: &Report) -> String {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let header = [
        "status",
        "reference",
        "title",
        "team",
        "level",
        "locations",
        "contract",
        "hours",
        "posted",
        "closes",
        "days_since_posted",
        "days_to_closing",
        "campaign",
    ];
    w.write_record(header).expect("writing to memory");
    for l in report.open_vacancies.iter().chain(&report.closed_in_last_30_days) {
        let record = [
            l.status.to_string(),
            l.reference.to_string(),
            l.title.to_string(),
            l.team.to_string(),
            l.level.to_string(),
            l.locations.join("; "),
            l.contract.to_string(),
            crate::output::format::number(l.hours),
            l.posted.clone(),
            l.closes.clone(),
            l.days_since_posted.to_string(),
            l.days_to_closing.map(|d| d.to_string()).unwrap_or_default(),
            l.campaign.unwrap_or("").to_string(),
        ];
        w.write_record(record.iter().map(|f| spreadsheet_safe(f).into_owned())).expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("flushing to memory")).expect("CSV of UTF-8 text is UTF-8")
}

/// A cell a spreadsheet will not run as a formula: text starting with `=`, `+`, `-` or `@` gets a
/// leading apostrophe, which spreadsheets hide.
fn spreadsheet_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@']) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Text for a markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('<', "&lt;").replace('\n', " ")
}

fn markdown(r: &Report) -> String {
    let mut md = match r.open_internal_only {
        0 => format!("# Recruitment activity, {}\n\n{} open vacancies.\n\n", r.date, r.open),
        n => format!(
            "# Recruitment activity, {}\n\n{} open vacancies, of which {n} for internal applicants only.\n\n",
            r.date, r.open
        ),
    };
    md.push_str("## Open vacancies by team and level\n\n| Team | ");
    md.push_str(&r.levels.iter().map(|l| cell(l)).collect::<Vec<_>>().join(" | "));
    md.push_str(" | Total |\n|---|");
    md.push_str(&"---:|".repeat(r.levels.len() + 1));
    md.push('\n');
    for row in &r.by_team_and_level {
        let counts: Vec<String> = row.open.iter().map(ToString::to_string).collect();
        md.push_str(&format!("| {} | {} | {} |\n", cell(row.team), counts.join(" | "), row.total));
    }
    for (title, counts) in [("location", &r.by_location), ("contract", &r.by_contract)] {
        md.push_str(&format!(
            "\n## Open vacancies by {title}\n\n| {} | Open |\n|---|---:|\n",
            if title == "location" { "Location" } else { "Contract" }
        ));
        for c in counts.iter() {
            md.push_str(&format!("| {} | {} |\n", cell(c.name), c.open));
        }
        if title == "location" && counts.iter().map(|c| c.open).sum::<usize>() > r.open {
            md.push_str("\nA vacancy based at several locations is counted at each.\n");
        }
    }
    let table = |md: &mut String, title: &str, lines: &[Line], closed: bool| {
        md.push_str(&format!("\n## {title}\n\n"));
        if lines.is_empty() {
            md.push_str("None.\n");
            return;
        }
        if closed {
            md.push_str("| Reference | Title | Team | Level | Posted | Closed |\n|---|---|---|---|---|---|\n");
        } else {
            md.push_str("| Reference | Title | Team | Level | Posted | Days since posted | Closes | Days to closing |\n|---|---|---|---|---|---:|---|---:|\n");
        }
        for l in lines {
            let start = format!(
                "| {} | {} | {} | {} | {} |",
                cell(l.reference),
                cell(l.title),
                cell(l.team),
                cell(l.level),
                l.posted
            );
            match (closed, l.days_to_closing) {
                (true, _) => md.push_str(&format!("{start} {} |\n", l.closes)),
                (false, Some(days)) => {
                    md.push_str(&format!("{start} {} | {} | {days} |\n", l.days_since_posted, l.closes))
                }
                (false, None) => md.push_str(&format!("{start} {} | rolling | |\n", l.days_since_posted)),
            }
        }
    };
    table(&mut md, "Open vacancies", &r.open_vacancies, false);
    table(&mut md, "Closing within 7 days", &r.closing_within_7_days, false);
    table(&mut md, "Closed in the last 30 days", &r.closed_in_last_30_days, true);
    md.push_str("\n## Campaigns\n\n");
    if r.campaigns.is_empty() {
        md.push_str("None.\n");
    } else {
        md.push_str("| Campaign | Open | Closed |\n|---|---|---|\n");
        for c in &r.campaigns {
            md.push_str(&format!(
                "| {} | {} | {} |\n",
                cell(c.title),
                cell(&c.open.join(", ")),
                cell(&c.closed.join(", "))
            ));
        }
    }
    md
}
