//! Applications to the network's opportunities (issue 15): hers, with her note and what she
//! lets the employer see; a counsellor's proposals, which she accepts or declines; the
//! employer's side moving them through their states; each step kept, naming nobody, for the
//! indicators; an e-mail to her at each step that concerns her.

pub mod repo;
pub mod routes;
pub mod service;
