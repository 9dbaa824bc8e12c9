//! Checks a vacancy's raw front matter and turns it into a `Vacancy`, destructuring every key.

use super::raw::*;
use super::*;
use crate::diagnostics::Diagnostic;
use crate::input::dates::Moment;
use crate::input::fields::{items, Fields};
use crate::input::yaml::line_of;
use crate::model::config::Site;
use crate::model::content::document::{self, Body};
use crate::model::content::{Located, Positions};
use serde_saphyr::Spanned;

/// Reads and checks one vacancy file's text.
pub fn parse(source: &str, file: &str, stem: &str, site: &Site) -> Result<Vacancy, Vec<Diagnostic>> {
    let (raw, mut f, body): (RawVacancy, _, Body) = document::read(source, file, SCHEMA)?;
    let origin = f.origin;
    let RawVacancy {
        title,
        reference,
        level,
        team,
        location,
        salary,
        grade,
        hours,
        contract,
        hybrid,
        working_pattern,
        payments,
        dbs,
        registration,
        visa_sponsorship,
        driving,
        posted,
        closes,
        review_by,
        updated,
        shortlisting,
        interviews,
        apply_url,
        contact,
        campaign,
        benefits,
        summary,
        featured,
        internal_only,
        draft,
    } = raw;
    let mut positions = Positions::default();
    positions.note("hours", hours.as_ref(), origin);
    positions.note("posted", posted.as_ref(), origin);
    positions.note("salary.min", salary.as_ref().and_then(|s| s.value.min.as_ref()), origin);
    positions.note("salary.max", salary.as_ref().and_then(|s| s.value.max.as_ref()), origin);
    positions.note("closes", closes.as_ref(), origin);
    positions.note("review_by", review_by.as_ref(), origin);
    positions.note("updated", updated.as_ref(), origin);
    positions.note("shortlisting", shortlisting.as_ref(), origin);
    positions.note("interviews", interviews.as_ref(), origin);
    positions.note("apply_url", apply_url.as_ref(), origin);
    positions.note("featured", featured.as_ref(), origin);
    positions.note("campaign", campaign.as_ref(), origin);
    let tz = &site.timezone;
    let title = f.required_text(title, "title", "Social Worker");
    let reference = f.required(reference, "reference", "NCC-2026-001").and_then(|r| {
        let (line, column) = line_of(&r, origin);
        f.text(r, "reference").map(|value| Located { value, line, column })
    });
    let level_names: Vec<&str> = site.levels.iter().map(|t| t.name.as_str()).collect();
    let level = f.required(level, "level", level_names[0]).and_then(|v| f.choice(&v, "level", "level", &level_names));
    let team_names: Vec<&str> = site.teams.iter().map(|t| t.name.as_str()).collect();
    let team = f.required(team, "team", team_names[0]).and_then(|v| f.choice(&v, "team", "team", &team_names));
    let place_names: Vec<&str> = site.locations.iter().map(|p| p.name.as_str()).collect();
    let locations = f.required(location, "location", place_names[0]).and_then(|v| {
        let found: Vec<Option<usize>> = items(v).iter().map(|name| workplace(&mut f, name, &place_names)).collect();
        // A workplace named twice is one workplace: listed and counted once.
        let mut once: Vec<usize> = Vec::with_capacity(found.len());
        for i in found {
            let i = i?;
            if !once.contains(&i) {
                once.push(i);
            }
        }
        Some(once)
    });
    let salary = f.required(salary, "salary", "{ min: 37035, max: 41418 }").and_then(|s| {
        let RawSalary { min, max, period, currency, note } = s.value;
        let min = f.required(min, "salary.min", "37035").and_then(|m| f.positive(&m, "salary.min"));
        let max_value = max.as_ref().and_then(|m| f.positive(m, "salary.max"));
        if let (Some(lo), Some(hi), Some(span)) = (min, max_value, max.as_ref()) {
            if hi < lo {
                f.bad(
                    span,
                    "salary.max",
                    format!("the maximum ({hi}) is less than the minimum ({lo})"),
                    Some("swap `min` and `max`".into()),
                );
            }
        }
        let period = match period {
            None => Some(Period::Year),
            Some(p) => f.choice(&p, "salary.period", "pay period", &Period::NAMES).map(|i| Period::ALL[i]),
        };
        let currency = currency.map_or(Some(site.currency.clone()), |c| {
            let code = c.value.trim().to_string();
            let ok = code.len() == 3 && code.chars().all(|ch| ch.is_ascii_uppercase());
            if !ok {
                f.bad(
                    &c,
                    "salary.currency",
                    format!("`{code}` is not a currency code"),
                    Some("use three capital letters, such as GBP".into()),
                );
            }
            ok.then_some(code)
        });
        let note = f.optional_text(note, "salary.note");
        Some(Salary { min: min?, max: max_value, period: period?, currency: currency?, note })
    });
    let grade = f.optional_text(grade, "grade");
    let hours = f.required(hours, "hours", "37").and_then(|h| {
        let value = f.positive(&h, "hours")?;
        if value > 168.0 {
            f.bad(&h, "hours", format!("{value} hours a week is more than a week holds"), None);
            return None;
        }
        Some(value)
    });
    let contract = f
        .required(contract, "contract", "permanent")
        .and_then(|c| f.choice(&c, "contract", "contract type", &Contract::NAMES))
        .map(|i| Contract::ALL[i]);
    let working_pattern = match working_pattern {
        Some(list) => {
            let found: Vec<Option<usize>> = items(list)
                .iter()
                .map(|p| f.choice(p, "working_pattern", "working pattern", &WorkingPattern::NAMES))
                .collect();
            found.into_iter().collect::<Option<Vec<usize>>>().map(|list| {
                let mut patterns: Vec<WorkingPattern> = Vec::new();
                for i in list {
                    if !patterns.contains(&WorkingPattern::ALL[i]) {
                        patterns.push(WorkingPattern::ALL[i]);
                    }
                }
                patterns
            })
        }
        None => hours
            .map(|h| vec![if h < site.full_time_hours { WorkingPattern::PartTime } else { WorkingPattern::FullTime }]),
    };
    let payments = payments_of(&mut f, payments);
    let dbs = match dbs {
        Some(d) => f.choice(&d, "dbs", "DBS check", &Dbs::NAMES).map(|i| Some(Dbs::ALL[i])),
        None => Some(site.defaults.dbs(level, team)),
    };
    // `registration: none` says a post needs none, whatever site.yaml's defaults say.
    let registration = match registration {
        Some(r) if r.value.trim().eq_ignore_ascii_case("none") => Some(None),
        Some(r) => f.text(r, "registration").map(Some),
        None => Some(site.defaults.registration(level, team)),
    };
    let posted_span = f.required(posted, "posted", "2026-11-02");
    let posted = posted_span.as_ref().and_then(|p| f.moment(p, "posted", tz));
    let closes = closing(&mut f, closes, review_by, posted.as_ref(), tz);
    let updated = document::updated(&mut f, updated, posted.as_ref(), tz);
    let shortlisting = f.optional_moment(&shortlisting, "shortlisting", tz);
    let interviews = interviews.map_or(Some(Vec::new()), |list| {
        let days: Vec<Option<Moment>> = items(list).iter().map(|d| f.moment(d, "interviews", tz)).collect();
        days.into_iter().collect()
    });
    let apply_url = f
        .required(apply_url, "apply_url", "https://jobs.example.gov.uk/apply/123")
        .and_then(|u| f.url(&u, "apply_url"));
    let contact = contact.map(|c| {
        let RawContact { name, email, phone } = c.value;
        let email = email.and_then(|e| f.email(&e, "contact.email"));
        Contact { name: f.optional_text(name, "contact.name"), email, phone: f.optional_text(phone, "contact.phone") }
    });
    let campaign = campaign.and_then(|c| {
        let (line, column) = line_of(&c, origin);
        f.text(c, "campaign").map(|value| Located { value, line, column })
    });
    let benefits = benefits
        .map(|list| {
            list.value
                .into_iter()
                .filter_map(|b| {
                    let (line, column) = line_of(&b, origin);
                    f.text(b, "benefits").map(|value| Located { value, line, column })
                })
                .collect()
        })
        .unwrap_or_default();
    let summary = f.optional_text(summary, "summary");
    let rendered = body.render();
    if !rendered.has_text {
        f.problems.push(Diagnostic::error(file, "the advert is empty").at(origin.first_line, 1).hint(
            "write the advert below the closing --- line: what the role is, the team, and who you are looking for",
        ));
    }
    let vacancy = (|| {
        Some(Vacancy {
            stem: stem.to_string(),
            file: file.to_string(),
            positions,
            title: title?,
            reference: reference?,
            level: level?,
            team: team?,
            locations: locations?,
            salary: salary?,
            grade,
            hours: hours?,
            contract: contract?,
            hybrid: Fields::flag(hybrid),
            working_pattern: working_pattern?,
            payments: payments?,
            dbs: dbs?,
            registration: registration?,
            visa_sponsorship: visa_sponsorship.map(|v| v.value),
            driving: Fields::flag(driving),
            posted_at: posted.as_ref()?.start(tz),
            closes_at: closes.as_ref()?.on().map(|c| c.end(tz)),
            changed_at: document::changed_at(posted.as_ref()?, updated.as_ref(), tz),
            updated,
            posted: posted?,
            closes: closes?,
            shortlisting,
            interviews: interviews?,
            apply_url: apply_url?,
            contact,
            campaign,
            benefits,
            summary: summary.unwrap_or_else(|| rendered.first_paragraph.clone()),
            featured: Fields::flag(featured),
            internal_only: Fields::flag(internal_only),
            draft: Fields::flag(draft),
            body: rendered,
            source: None,
        })
    })();
    f.finish(vacancy)
}

/// `payments:`: each needs an amount above nothing and a description.
fn payments_of(f: &mut Fields, list: Option<Spanned<Vec<Spanned<RawPayment>>>>) -> Option<Vec<Payment>> {
    let mut out = Vec::new();
    let mut ok = true;
    for item in list.map(|l| l.value).unwrap_or_default() {
        let keys = [
            ("amount", item.value.amount.is_some(), "amount: 3000"),
            ("description", item.value.description.is_some(), "description: recruitment payment"),
        ];
        f.required_in_item(&item, "payments", "payment", &keys);
        let RawPayment { amount, description, note } = item.value;
        let amount = amount.and_then(|a| f.positive(&a, "payments[].amount"));
        let description = description.and_then(|d| f.text(d, "payments[].description"));
        let note = note.and_then(|n| f.text(n, "payments[].note"));
        match (amount, description) {
            (Some(amount), Some(description)) => out.push(Payment { amount, description, note }),
            _ => ok = false,
        }
    }
    ok.then_some(out)
}

/// `closes:` a date, or `rolling` with the `review_by:` date the editor will look at it again;
/// either after `posted`.
fn closing(
    f: &mut Fields,
    closes: Option<Spanned<String>>,
    review_by: Option<Spanned<String>>,
    posted: Option<&Moment>,
    tz: &jiff::tz::TimeZone,
) -> Option<Closes> {
    let closes = f.required(closes, "closes", "2026-12-07");
    let rolling = closes.as_ref().is_some_and(|c| c.value.trim().eq_ignore_ascii_case("rolling"));
    let after_posting = |f: &mut Fields, span: &Spanned<String>, key: &str, moment: Moment| {
        if posted.is_some_and(|p| moment.end(tz) <= p.start(tz)) {
            let what = if key == "closes" { "closing date" } else { "review date" };
            f.bad(span, key, format!("the {what} is before the posting date"), Some("check both dates".into()));
        }
        Some(moment)
    };
    if !rolling {
        if let Some(r) = &review_by {
            let hint = "delete `review_by:`, or write `closes: rolling` for an advert open until it is filled";
            f.bad(r, "review_by", "`review_by` is only for rolling adverts", Some(hint.into()));
        }
        let span = closes?;
        let moment = f.moment(&span, "closes", tz)?;
        return after_posting(f, &span, "closes", moment).map(Closes::On);
    }
    let (Some(span), Some(_)) = (review_by, &closes) else {
        let hint = "add a line such as `review_by: 2027-02-01`: the date you will check the post is still open";
        if let Some(c) = &closes {
            f.bad(c, "review_by", "a rolling advert needs a `review_by` date", Some(hint.into()));
        }
        return None;
    };
    let (line, column) = line_of(&span, f.origin);
    let moment = f.moment(&span, "review_by", tz)?;
    let value = after_posting(f, &span, "review_by", moment)?;
    Some(Closes::Rolling { review_by: Located { value, line, column } })
}

/// One of site.yaml's `locations`, by name. An unknown name is reported at its own line, with a
/// suggestion only when it is a misspelling, and how to add a workplace.
fn workplace(f: &mut Fields, name: &Spanned<String>, places: &[&str]) -> Option<usize> {
    let wanted = name.value.trim();
    if let Some(i) = places.iter().position(|p| *p == wanted) {
        return Some(i);
    }
    let add = format!(
        "workplaces are listed under `locations:` in site.yaml ({}); to add one, give it a `name` and `postcode` there",
        places.join(", ")
    );
    let hint = match crate::diagnostics::misspelling_of(wanted, places.iter().copied()) {
        Some(place) => format!("did you mean `{place}`? {add}"),
        None => add,
    };
    f.bad(name, "location", format!("`{wanted}` is not one of the site's workplaces"), Some(hint));
    None
}
