//! A council's feed read as JSON Feed 1.1 with the `_vacancy` extension jobsite publishes: each
//! item checked on its own, so one bad item is skipped (and named) without losing the rest.

use crate::input::address::{publishable, Kind};
use crate::input::council_feeds::FeedCopy;
use crate::model::config::Dbs;
use crate::model::content::{Contract, Payment, Period, Salary, WorkingPattern};
use jiff::civil::Date;
use jiff::Timestamp;
use serde::Deserialize;

/// A vacancy as a council's feed gives it, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedItem {
    pub id: String,
    /// The council's own page for it.
    pub url: String,
    pub title: String,
    pub content_html: String,
    pub summary: String,
    pub published: Timestamp,
    pub modified: Timestamp,
    pub reference: String,
    pub level: String,
    pub team: String,
    pub locations: Vec<FeedPlace>,
    /// As advertised (full-time-equivalent figures for a part-time post).
    pub salary: Salary,
    pub hours: f64,
    pub contract: Contract,
    pub working_pattern: Vec<WorkingPattern>,
    pub payments: Vec<Payment>,
    pub hybrid: bool,
    /// The last second applications are taken; `None` for a rolling advert.
    pub closes: Option<Timestamp>,
    pub apply_url: String,
    pub shortlisting: Option<Date>,
    pub interviews: Vec<Date>,
    pub dbs: Option<Dbs>,
    pub registration: Option<String>,
    pub visa_sponsorship: Option<bool>,
    pub driving: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct FeedPlace {
    pub name: String,
    pub street: Option<String>,
    pub locality: Option<String>,
    pub region: Option<String>,
    pub postcode: Option<String>,
    #[serde(default = "gb")]
    pub country: String,
}

fn gb() -> String {
    "GB".into()
}

#[derive(Deserialize)]
struct RawPage {
    version: String,
    items: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
struct RawItem {
    id: String,
    url: String,
    title: String,
    #[serde(default)]
    content_html: String,
    #[serde(default)]
    summary: String,
    date_published: String,
    date_modified: Option<String>,
    _vacancy: RawExtension,
}

#[derive(Deserialize)]
struct RawExtension {
    reference: String,
    level: String,
    team: String,
    locations: Vec<FeedPlace>,
    salary: RawSalary,
    hours: f64,
    contract: String,
    #[serde(default)]
    working_pattern: Vec<String>,
    #[serde(default)]
    payments: Vec<RawPayment>,
    #[serde(default)]
    hybrid: bool,
    closes: Option<String>,
    #[serde(default)]
    rolling: bool,
    apply_url: String,
    shortlisting: Option<String>,
    #[serde(default)]
    interviews: Vec<String>,
    dbs: Option<String>,
    registration: Option<String>,
    visa_sponsorship: Option<bool>,
    #[serde(default)]
    driving: bool,
}

#[derive(Deserialize)]
struct RawSalary {
    min: f64,
    max: Option<f64>,
    period: String,
    currency: String,
    note: Option<String>,
}

#[derive(Deserialize)]
struct RawPayment {
    amount: f64,
    description: String,
    note: Option<String>,
}

/// The items of every page of `copy`, checked, and a sentence for each item left out. Fails when a
/// page is not a JSON Feed at all.
pub fn items(copy: &FeedCopy) -> Result<(Vec<FeedItem>, Vec<String>), String> {
    let mut items = Vec::new();
    let mut ids = std::collections::HashSet::new();
    let mut skipped = Vec::new();
    for page in &copy.pages {
        let raw: RawPage =
            serde_json::from_str(&page.body).map_err(|e| format!("{} is not a JSON Feed: {e}", page.url))?;
        if !raw.version.starts_with("https://jsonfeed.org/version/1") {
            return Err(format!("{} is not a JSON Feed (its version is `{}`)", page.url, raw.version));
        }
        for (n, value) in raw.items.into_iter().enumerate() {
            let id = value.get("id").and_then(|v| v.as_str()).map(str::to_string);
            let named =
                || id.clone().map_or_else(|| format!("item {} of {}", n + 1, page.url), |id| format!("item `{id}`"));
            match serde_json::from_value::<RawItem>(value).map_err(|e| e.to_string()).and_then(check) {
                Ok(item) if !ids.insert(item.id.clone()) => {
                    skipped.push(format!("{} appears twice; the second is left out", named()))
                }
                Ok(item) => items.push(item),
                Err(why) => skipped.push(format!("{} is left out: {why}", named())),
            }
        }
    }
    Ok((items, skipped))
}

fn check(raw: RawItem) -> Result<FeedItem, String> {
    let RawItem { id, url, title, content_html, summary, date_published, date_modified, _vacancy: v } = raw;
    let RawExtension {
        reference,
        level,
        team,
        locations,
        salary,
        hours,
        contract,
        working_pattern,
        payments,
        hybrid,
        closes,
        rolling,
        apply_url,
        shortlisting,
        interviews,
        dbs,
        registration,
        visa_sponsorship,
        driving,
    } = v;
    let web = |what: &str, text: &str| match publishable(text) {
        Ok((Kind::Web, published)) => Ok(published.to_string()),
        _ => Err(format!("its {what} `{text}` is not a web address")),
    };
    let url = web("url", &url)?;
    let apply_url = match publishable(&apply_url) {
        Ok((Kind::Web | Kind::Mail, published)) => published.to_string(),
        _ => return Err(format!("its apply_url `{apply_url}` is not a web or mailto: address")),
    };
    let nonempty = |what: &str, text: String| {
        let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if t.is_empty() {
            Err(format!("it has no {what}"))
        } else {
            Ok(t)
        }
    };
    let moment = |what: &str, text: &str| {
        text.parse::<Timestamp>().map_err(|_| format!("its {what} `{text}` is not an RFC 3339 date and time"))
    };
    let day = |what: &str, text: &str| text.parse::<Date>().map_err(|_| format!("its {what} `{text}` is not a date"));
    let choice = |what: &str, text: &str, names: &[&str]| {
        names
            .iter()
            .position(|n| *n == text)
            .ok_or_else(|| format!("its {what} `{text}` is not one of {}", names.join(", ")))
    };
    if !(salary.min > 0.0 && salary.min.is_finite()) || salary.max.is_some_and(|m| !(m >= salary.min && m.is_finite()))
    {
        return Err("its salary figures are not believable".into());
    }
    if !(hours > 0.0 && hours <= 100.0) {
        return Err(format!("its hours ({hours}) are not believable"));
    }
    let published = moment("date_published", &date_published)?;
    let closes = match (closes, rolling) {
        (Some(c), _) => Some(moment("closing date", &c)?),
        (None, true) => None,
        (None, false) => return Err("it has no closing date and is not rolling".into()),
    };
    Ok(FeedItem {
        id: nonempty("id", id)?,
        url,
        title: nonempty("title", title)?,
        content_html,
        summary: summary.trim().to_string(),
        modified: match date_modified {
            Some(m) => moment("date_modified", &m)?.max(published),
            None => published,
        },
        published,
        reference: nonempty("reference", reference)?,
        level: nonempty("level", level)?,
        team: nonempty("team", team)?,
        locations: if locations.is_empty() { return Err("it has no location".into()) } else { locations },
        salary: Salary {
            min: salary.min,
            max: salary.max,
            period: Period::ALL[choice("salary period", &salary.period, &Period::NAMES)?],
            currency: salary.currency,
            note: salary.note,
        },
        hours,
        contract: Contract::ALL[choice("contract", &contract, &Contract::NAMES)?],
        working_pattern: working_pattern
            .iter()
            .map(|p| choice("working pattern", p, &WorkingPattern::NAMES).map(|i| WorkingPattern::ALL[i]))
            .collect::<Result<_, _>>()?,
        payments: payments
            .into_iter()
            .map(|p| Payment { amount: p.amount, description: p.description, note: p.note })
            .collect(),
        hybrid,
        closes,
        apply_url,
        shortlisting: shortlisting.as_deref().map(|s| day("shortlisting date", s)).transpose()?,
        interviews: interviews.iter().map(|s| day("interview date", s)).collect::<Result<_, _>>()?,
        dbs: dbs.as_deref().map(|d| choice("dbs", d, &Dbs::NAMES).map(|i| Dbs::ALL[i])).transpose()?,
        registration,
        visa_sponsorship,
        driving,
    })
}
