//! How each consumer names a vacancy's contract and working pattern: one table, used by the
//! JobPosting, the Indeed feed and the DWP Find a job file, and copied in docs/feeds.md.

use crate::model::content::{Contract, WorkingPattern};

/// The words one contract type takes in each consumer's vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContractTerms {
    pub contract: Contract,
    /// Added to FULL_TIME or PART_TIME in a JobPosting's `employmentType`.
    pub job_posting: Option<&'static str>,
    /// The second part of Indeed's `<jobtype>` ("fulltime, permanent").
    pub indeed: &'static str,
    /// DWP Find a job `VacancyType` id: 1 permanent, 2 contract, 3 temporary.
    pub find_a_job: u8,
}

/// Every contract type, in the order of [`Contract::ALL`].
pub const CONTRACT_TERMS: [ContractTerms; 4] = [
    ContractTerms { contract: Contract::Permanent, job_posting: None, indeed: "permanent", find_a_job: 1 },
    ContractTerms { contract: Contract::FixedTerm, job_posting: Some("TEMPORARY"), indeed: "contract", find_a_job: 2 },
    ContractTerms { contract: Contract::Secondment, job_posting: Some("TEMPORARY"), indeed: "contract", find_a_job: 2 },
    ContractTerms { contract: Contract::Temporary, job_posting: Some("TEMPORARY"), indeed: "temporary", find_a_job: 3 },
];

pub fn contract_terms(contract: Contract) -> &'static ContractTerms {
    &CONTRACT_TERMS[contract as usize]
}

/// The words a working pattern takes: (JobPosting, Indeed, DWP `VacancyStatus` id).
pub fn pattern_terms(part_time: bool) -> (&'static str, &'static str, u8) {
    if part_time {
        ("PART_TIME", "parttime", 2)
    } else {
        ("FULL_TIME", "fulltime", 1)
    }
}

/// A working pattern's JobPosting `employmentType`: full-time and compressed hours are
/// FULL_TIME, part-time and job share PART_TIME, and term-time, flexible and annualised hours
/// follow the weekly hours.
pub fn working_pattern_term(pattern: WorkingPattern, hours: f64, full_time_hours: f64) -> &'static str {
    match pattern {
        WorkingPattern::FullTime | WorkingPattern::CompressedHours => "FULL_TIME",
        WorkingPattern::PartTime | WorkingPattern::JobShare => "PART_TIME",
        _ => pattern_terms(hours < full_time_hours).0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_one_row_per_contract_in_order() {
        for (i, contract) in Contract::ALL.iter().enumerate() {
            assert_eq!(CONTRACT_TERMS[i].contract, *contract);
            assert_eq!(contract_terms(*contract).contract, *contract);
        }
    }
}
