//! The guard against lost feeds: a council's new feed that drops most of its open vacancies before
//! their closing dates is more likely broken (a failed export, an emptied page) than true, so the
//! portal keeps the last good copy until someone says otherwise with `--accept-drop`.

use super::feed::FeedItem;
use jiff::Timestamp;

/// The fewest vacancies lost at once that can trip the guard: a small council filling two posts
/// the same day is ordinary.
pub const AT_LEAST: usize = 3;

/// How many of `old`'s vacancies `new` has lost although they had not closed by `now` (rolling
/// adverts never close by themselves).
pub fn lost_before_closing(old: &[FeedItem], new: &[FeedItem], now: Timestamp) -> usize {
    let kept: std::collections::HashSet<&str> = new.iter().map(|i| i.id.as_str()).collect();
    old.iter().filter(|i| !kept.contains(i.id.as_str()) && i.closes.is_none_or(|c| c > now)).count()
}

/// `Some(lost)` when the new feed should not be believed: it lost at least [`AT_LEAST`] open
/// vacancies, and more than half of what the old copy had.
pub fn trips(old: &[FeedItem], new: &[FeedItem], now: Timestamp) -> Option<usize> {
    let lost = lost_before_closing(old, new, now);
    (lost >= AT_LEAST && lost * 2 > old.len()).then_some(lost)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str, closes: &str) -> FeedItem {
        let t: Timestamp = "2026-11-01T00:00:00Z".parse().unwrap();
        FeedItem {
            id: id.into(),
            url: format!("https://a.example/jobs/{id}/"),
            title: id.into(),
            content_html: String::new(),
            summary: String::new(),
            published: t,
            modified: t,
            reference: id.into(),
            level: "L".into(),
            team: "T".into(),
            locations: Vec::new(),
            salary: crate::model::content::Salary {
                min: 1.0,
                max: None,
                period: crate::model::content::Period::Year,
                currency: "GBP".into(),
                note: None,
            },
            hours: 37.0,
            contract: crate::model::content::Contract::Permanent,
            working_pattern: Vec::new(),
            payments: Vec::new(),
            hybrid: false,
            closes: (!closes.is_empty()).then(|| closes.parse().unwrap()),
            apply_url: "https://a.example/apply".into(),
            shortlisting: None,
            interviews: Vec::new(),
            dbs: None,
            registration: None,
            visa_sponsorship: None,
            driving: false,
        }
    }

    const NOW: &str = "2026-11-22T12:00:00Z";

    #[test]
    fn losing_most_open_vacancies_at_once_trips_the_guard() {
        let now = NOW.parse().unwrap();
        let old: Vec<_> = (0..5).map(|n| item(&format!("v{n}"), "2026-12-20T23:59:59Z")).collect();
        assert_eq!(trips(&old, &old[..2], now), Some(3));
        assert_eq!(trips(&old, &[], now), Some(5));
        assert_eq!(trips(&old, &old[..3], now), None, "two lost of five is not more than half");
    }

    #[test]
    fn vacancies_that_closed_and_small_losses_never_trip_it() {
        let now = NOW.parse().unwrap();
        let closed: Vec<_> = (0..6).map(|n| item(&format!("c{n}"), "2026-11-21T23:59:59Z")).collect();
        assert_eq!(trips(&closed, &[], now), None, "all six closed before now");
        let two = [item("a", "2026-12-20T23:59:59Z"), item("b", "")];
        assert_eq!(trips(&two, &[], now), None, "fewer than three lost");
        let rolling: Vec<_> = (0..3).map(|n| item(&format!("r{n}"), "")).collect();
        assert_eq!(trips(&rolling, &[], now), Some(3), "rolling adverts do not close by themselves");
    }
}
