//! Opportunities of the network's employers (issue 15): written as drafts by a counsellor or
//! an admin of the agency on an employer's behalf, published, closed; a schema.org
//! `JobPosting` for each published one; ranked for her with the score explained and the gaps
//! the job would open in her children's week; and, for a counsellor, the women of the agency
//! who fit one.

pub mod matching;
pub mod repo;
pub mod routes;
pub mod service;
