//! Contracting entity and addenda: who the vendor contracts with and which
//! terms apply, from the Membership Agreement, with a clause-by-clause trace.
//!
//! [`resolve`] takes a [`ContractInput`] and returns a [`ContractAnswer`]:
//! success with the entity, addenda, effective terms, trace and ambiguities,
//! or failure with located findings (e.g. an unknown country).

pub mod country;
mod resolve;

use crate::policy::ruleset::PerRuleset;

use serde::{Deserialize, Serialize};

#[cfg(feature = "wasm")]
use tsify::Tsify;

use crate::policy::Citation;
use crate::report::Finding;
pub use country::Region;
pub use resolve::{resolve, resolve_cached, resolve_json_str, sentence};

const AGREEMENT: &str = include_str!("../../data/contract/agreement.json");

/// What the resolver needs to know about the vendor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
pub struct ContractInput {
    /// Country of residence: ISO alpha-2/alpha-3 code or a common English or Chinese name.
    pub residence_country: String,
    /// Country of the billing address given at registration, if different.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub billing_country: Option<String>,
    /// Whether the vendor accesses or uses the International Marketplace (`null` = unknown).
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub uses_marketplace: Option<bool>,
    /// Whether the GDPR applies to the vendor's processing of personal data (`null` = unknown).
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub processes_eu_personal_data: Option<bool>,
    /// Whether the contract is an Australian small business contract (`null` = unknown).
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub small_business: Option<bool>,
    /// Date (YYYY-MM-DD) the terms are wanted for; selects the ruleset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub as_of: Option<String>,
}

/// A country as resolved from the input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
pub struct ResolvedCountry {
    /// ISO 3166-1 alpha-2 code.
    pub code: String,
    /// English name.
    pub name: String,
    /// Region under the agreement's contracting-entity clause.
    pub region: Region,
}

/// The Alibaba Cloud entity the vendor contracts with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
pub struct Entity {
    /// Stable id: `europe`, `us`, `india`, `malaysia` or `singapore`.
    pub id: String,
    /// Legal name, as the agreement gives it.
    pub name: String,
    /// Registration details, where the agreement gives them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub registration: Option<String>,
    /// Registered office, where the agreement gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub registered_office: Option<String>,
    /// The clause naming this entity.
    pub citation: Citation,
}

/// Whether an addendum applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Applies {
    /// It applies.
    Yes,
    /// It does not apply.
    No,
    /// It depends on an answer the input did not give (see `ambiguities`).
    Depends,
}

/// One addendum and whether it applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
pub struct Addendum {
    /// Stable id: `gdpr`, `europe`, `australia`, `marketplace`.
    pub id: String,
    /// Title, as the agreement gives it.
    pub name: String,
    /// Whether it applies.
    pub applies: Applies,
    /// The condition and how the input met it or not.
    pub condition: String,
    /// The clause stating the condition.
    pub citation: Citation,
}

/// How an addendum changes a clause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
pub struct ClauseChange {
    /// The clause of the agreement, e.g. `13.9`.
    pub clause: String,
    /// `replaced`, `added` or `qualified`.
    pub change: String,
    /// Id of the addendum making the change.
    pub by: String,
    /// What the clause says after the change.
    pub summary: String,
}

/// The effective terms after the addenda that apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
pub struct Terms {
    /// Governing law.
    pub governing_law: String,
    /// Courts with jurisdiction.
    pub courts: String,
    /// Whether those courts' jurisdiction is exclusive.
    pub courts_exclusive: bool,
    /// The statute on third parties' rights to enforce terms.
    pub third_party_rights: String,
    /// Where the vendor sends notices.
    pub notice_address: String,
    /// Whether use is restricted to business purposes (Europe Addendum, new 9.1(g)).
    pub business_use_only: bool,
    /// Days after posting before material changes take effect (Clause 1.3).
    pub material_change_notice_days: u32,
    /// The liability cap rule in force.
    pub liability_cap: String,
    /// Clauses replaced, added or qualified by the addenda that apply.
    pub clause_changes: Vec<ClauseChange>,
}

/// One step of the reasoning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
pub struct TraceStep {
    /// 1-based position.
    pub step: u32,
    /// What was decided and why.
    pub decision: String,
    /// The clause the decision rests on.
    pub citation: Citation,
}

/// A point the agreement leaves open, with the reading applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
pub struct ContractAmbiguity {
    /// Stable id, e.g. `europe-undefined`, `gdpr-unknown`.
    pub id: String,
    /// What is unclear.
    pub what: String,
    /// The reading applied in this result.
    pub reading: String,
    /// A question whose answer (passed back as input) settles it, when one does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub question: Option<String>,
    /// The input field that answers the question, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub answer_field: Option<String>,
    /// The clause that is unclear.
    pub citation: Citation,
}

/// The whole applicable contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
pub struct ContractResult {
    /// Residence, as resolved.
    pub residence: ResolvedCountry,
    /// Billing country, as resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub billing: Option<ResolvedCountry>,
    /// The contracting entity.
    pub entity: Entity,
    /// Every addendum, with whether it applies.
    pub addenda: Vec<Addendum>,
    /// The effective terms.
    pub terms: Terms,
    /// The reasoning, step by step.
    pub trace: Vec<TraceStep>,
    /// Open points and the readings applied.
    pub ambiguities: Vec<ContractAmbiguity>,
    /// Agreement version used and the date asked about.
    pub agreement_version: String,
    /// The `as_of` date used, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub as_of: Option<String>,
}

/// The resolver's answer: a tagged union, never an exception.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(Tsify))]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum ContractAnswer {
    /// The input resolved.
    Success(Box<ContractResult>),
    /// The input did not resolve; located findings say why.
    Failure {
        /// What is wrong with the input.
        errors: Vec<Finding>,
    },
}

/// `data/contract/agreement.json`.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct AgreementData {
    pub version: String,
    pub effective: String,
    pub entities: Vec<EntityData>,
    pub terms: TermsData,
    pub gdpr_from: String,
}

#[derive(Debug, Deserialize)]
pub(crate) struct EntityData {
    pub id: String,
    pub region: Region,
    pub name: String,
    pub clause: String,
    #[serde(default)]
    pub registration: Option<String>,
    #[serde(default)]
    pub registered_office: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct TermsData {
    pub default_notice_address: String,
    pub singapore_law: String,
    pub singapore_courts: String,
    pub england_law: String,
    pub england_courts: String,
    pub nsw_law: String,
    pub nsw_courts: String,
    pub singapore_third_party: String,
    pub england_third_party: String,
    pub material_change_notice_days: u32,
    pub liability_cap_default: String,
    pub liability_cap_australia: String,
    pub liability_cap_europe: String,
}

pub(crate) static DATA: PerRuleset<AgreementData> = PerRuleset::new(|rs| {
    serde_json::from_str(rs.file("contract/agreement.json", AGREEMENT)).unwrap_or_default()
});
