//! site.yaml's `defaults:`: the DBS check and registration most posts need, said once for the
//! whole site and, where they differ, for a level or a team; a vacancy's own keys override them.

use super::raw::{RawDefaults, RawNeeds};
use super::Term;
use crate::input::fields::Fields;
use serde_saphyr::Spanned;
use std::collections::HashMap;

/// The safer-recruitment check a post needs from the Disclosure and Barring Service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dbs {
    Basic,
    Standard,
    Enhanced,
    /// Enhanced, with a check of the children's barred list.
    EnhancedBarred,
}

impl Dbs {
    pub const NAMES: [&'static str; 4] = ["basic", "standard", "enhanced", "enhanced-barred"];
    pub const ALL: [Dbs; 4] = [Dbs::Basic, Dbs::Standard, Dbs::Enhanced, Dbs::EnhancedBarred];

    pub fn name(self) -> &'static str {
        Dbs::NAMES[self as usize]
    }

    /// As an advert says it.
    pub fn label(self) -> &'static str {
        [
            "Basic DBS check",
            "Standard DBS check",
            "Enhanced DBS check",
            "Enhanced DBS check with the children's barred list",
        ][self as usize]
    }
}

/// What one group of posts needs, where site.yaml says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Needs {
    pub dbs: Option<Dbs>,
    /// `Some(None)` is `registration: none`: no registration, whatever a wider default says.
    pub registration: Option<Option<String>>,
}

/// What posts need when a vacancy does not say. The most specific default wins: the level's,
/// then the team's, then the site's.
#[derive(Debug, Clone, Default)]
pub struct Defaults {
    pub site: Needs,
    /// By index into the site's `levels`.
    pub levels: HashMap<usize, Needs>,
    /// By index into the site's `teams`.
    pub teams: HashMap<usize, Needs>,
}

impl Defaults {
    /// The wider defaults a vacancy of `level` and `team` falls back on, most specific first.
    fn layers(&self, level: Option<usize>, team: Option<usize>) -> impl Iterator<Item = &Needs> {
        let level = level.and_then(|i| self.levels.get(&i));
        let team = team.and_then(|i| self.teams.get(&i));
        level.into_iter().chain(team).chain(std::iter::once(&self.site))
    }

    pub fn dbs(&self, level: Option<usize>, team: Option<usize>) -> Option<Dbs> {
        self.layers(level, team).find_map(|n| n.dbs)
    }

    pub fn registration(&self, level: Option<usize>, team: Option<usize>) -> Option<String> {
        self.layers(level, team).find_map(|n| n.registration.clone()).flatten()
    }
}

/// Checks `defaults:` against the site's levels and teams (`None` when either could not be read:
/// their names are then unknown, and their own errors are reported).
pub(super) fn defaults_of(
    f: &mut Fields,
    raw: Option<Spanned<RawDefaults>>,
    levels: Option<&[Term]>,
    teams: Option<&[Term]>,
) -> Option<Defaults> {
    let Some(raw) = raw else { return Some(Defaults::default()) };
    let RawDefaults { dbs, registration, levels: by_level, teams: by_team } = raw.value;
    // Every part is checked before any can stop the defaults, so every mistake is reported.
    let site = needs(f, RawNeeds { dbs, registration }, "defaults");
    let levels = by_name(f, by_level, levels, "levels", "level");
    let teams = by_name(f, by_team, teams, "teams", "team");
    Some(Defaults { site: site?, levels: levels?, teams: teams? })
}

fn needs(f: &mut Fields, raw: RawNeeds, at: &str) -> Option<Needs> {
    let RawNeeds { dbs, registration } = raw;
    let dbs = match dbs {
        Some(v) => f.choice(&v, &format!("{at}.dbs"), "DBS check", &Dbs::NAMES).map(|i| Some(Dbs::ALL[i])),
        None => Some(None),
    };
    let registration = match registration {
        Some(r) if r.value.trim().eq_ignore_ascii_case("none") => Some(Some(None)),
        Some(r) => f.text(r, &format!("{at}.registration")).map(|r| Some(Some(r))),
        None => Some(None),
    };
    Some(Needs { dbs: dbs?, registration: registration? })
}

/// `defaults.levels` or `defaults.teams`: needs by the name of a level or team in site.yaml.
fn by_name(
    f: &mut Fields,
    raw: Option<Spanned<HashMap<Spanned<String>, Spanned<RawNeeds>>>>,
    terms: Option<&[Term]>,
    list: &str,
    what: &str,
) -> Option<HashMap<usize, Needs>> {
    let mut entries: Vec<(Spanned<String>, Spanned<RawNeeds>)> =
        raw.map(|r| r.value.into_iter().collect()).unwrap_or_default();
    // In the order written, so mistakes are reported top to bottom.
    entries.sort_by_key(|(name, _)| (name.referenced.line(), name.referenced.column()));
    let names: Vec<&str> = terms.unwrap_or_default().iter().map(|t| t.name.as_str()).collect();
    let mut out = HashMap::new();
    let mut ok = terms.is_some();
    for (name, raw) in entries {
        let at = format!("defaults.{list}.{}", name.value.trim());
        // A name that is not one of site.yaml's levels (or teams) gets did-you-mean.
        let index = terms.and_then(|_| f.choice(&name, &format!("defaults.{list}"), what, &names));
        match (index, needs(f, raw.value, &at)) {
            (Some(i), Some(n)) => {
                out.insert(i, n);
            }
            _ => ok = false,
        }
    }
    ok.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn needs(dbs: Option<Dbs>, registration: Option<Option<&str>>) -> Needs {
        Needs { dbs, registration: registration.map(|r| r.map(String::from)) }
    }

    #[test]
    fn the_level_default_beats_the_team_default_which_beats_the_site_default() {
        let defaults = Defaults {
            site: needs(Some(Dbs::EnhancedBarred), Some(Some("Social Work England"))),
            levels: HashMap::from([(1, needs(None, Some(None)))]),
            teams: HashMap::from([(2, needs(Some(Dbs::Standard), Some(Some("HCPC"))))]),
        };
        assert_eq!(defaults.dbs(Some(0), Some(0)), Some(Dbs::EnhancedBarred));
        assert_eq!(defaults.registration(Some(0), Some(0)).as_deref(), Some("Social Work England"));
        assert_eq!(defaults.dbs(Some(1), Some(2)), Some(Dbs::Standard), "the level says nothing of DBS");
        assert_eq!(defaults.registration(Some(1), Some(2)), None, "the level's `none` wins");
        assert_eq!(defaults.registration(Some(0), Some(2)).as_deref(), Some("HCPC"));
        assert_eq!(defaults.dbs(None, None), Some(Dbs::EnhancedBarred));
    }
}
