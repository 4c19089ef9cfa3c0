//! The resolution itself: countries → entity → addenda → terms, traced.

use serde_json::Value;

use super::country::{self, Country, Region};
use super::{
    Addendum, Applies, ClauseChange, ContractAmbiguity, ContractAnswer, ContractInput,
    ContractResult, Entity, ResolvedCountry, Terms, TraceStep, DATA,
};
use crate::policy::{citation_in, Ruleset};
use crate::report::Finding;
use crate::rules::Rule;

/// Collects the trace and ambiguities while resolving.
struct Notes {
    rs: Ruleset,
    trace: Vec<TraceStep>,
    ambiguities: Vec<ContractAmbiguity>,
}

impl Notes {
    fn step(&mut self, clause: &str, decision: String) {
        let step = self.trace.len() as u32 + 1;
        self.trace.push(TraceStep {
            step,
            decision,
            citation: citation_in(self.rs, clause),
        });
    }

    fn ambiguity(
        &mut self,
        id: &str,
        clause: &str,
        what: String,
        reading: String,
        question: Option<(&str, &str)>,
    ) {
        self.ambiguities.push(ContractAmbiguity {
            id: id.to_string(),
            what,
            reading,
            question: question.map(|q| q.0.to_string()),
            answer_field: question.map(|q| q.1.to_string()),
            citation: citation_in(self.rs, clause),
        });
    }
}

/// A name ending a sentence, with the full stop it needs (none more after
/// one it ends in: "Sdn. Bhd.", not "Sdn. Bhd..").
pub fn sentence(name: &str) -> String {
    if name.ends_with('.') {
        name.to_string()
    } else {
        format!("{name}.")
    }
}

fn entity_clause(region: Region) -> &'static str {
    match region {
        Region::Europe => "agreement.entity.europe",
        Region::Us => "agreement.entity.us",
        Region::In => "agreement.entity.india",
        Region::My => "agreement.entity.malaysia",
        Region::Other => "agreement.entity.singapore",
    }
}

fn resolved(c: &Country) -> ResolvedCountry {
    ResolvedCountry {
        code: c.code.clone(),
        name: c.name().to_string(),
        region: c.region,
    }
}

fn country_error(rs: Ruleset, path: &str, input: &str, near: &[&str]) -> Finding {
    if country::is_region_in(rs, input) {
        return Finding::new(
            Rule::ContractUnknownCountry,
            path,
            format!("\"{input}\" is a region or group of countries, not a country."),
        )
        .help(
            "Give the one country you reside in (or of the billing address): the agreement \
             picks the entity by country, e.g. \"DE\" or \"France\".",
        );
    }
    if let Some((former, now)) = country::former_in(rs, input) {
        let names: Vec<&str> = now.iter().map(|c| c.name()).collect();
        let regions: std::collections::BTreeSet<&str> =
            now.iter().map(|c| c.region.label()).collect();
        let entities = if regions.len() > 1 {
            " They are not all under the same contracting entity."
        } else {
            ""
        };
        return Finding::new(
            Rule::ContractUnknownCountry,
            path,
            format!(
                "\"{input}\" no longer exists as a country (until {}).",
                former.until
            ),
        )
        .help(format!(
            "Give the country you reside in today (or of the billing address): its territory is \
             now {}.{entities}",
            names.join("; ")
        ));
    }
    let help = if near.is_empty() {
        "Give an ISO 3166-1 alpha-2 code (e.g. DE, US, SG) or the country's English name."
            .to_string()
    } else {
        format!(
            "Did you mean {}? Or give an ISO 3166-1 alpha-2 code.",
            near.iter()
                .map(|n| format!("\"{n}\""))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    Finding::new(
        Rule::ContractUnknownCountry,
        path,
        format!("\"{input}\" is not a country this resolver knows."),
    )
    .help(help)
}

/// Resolves the applicable contract. Never panics; bad input is a
/// [`ContractAnswer::Failure`] with located findings.
pub fn resolve(input: &ContractInput) -> ContractAnswer {
    let as_of = input
        .as_of
        .as_deref()
        .and_then(crate::input::date::Date::parse);
    let (rs, _) = crate::policy::ruleset::select(as_of);
    let mut errors = Vec::new();
    let residence = match country::lookup_in(rs, &input.residence_country) {
        Ok(c) => Some(c),
        Err(near) => {
            errors.push(if input.residence_country.trim().is_empty() {
                Finding::new(
                    Rule::ContractUnknownCountry,
                    "/residence_country",
                    "No country of residence was given.",
                )
                .help("Give the country you reside in, e.g. \"DE\".")
            } else {
                country_error(rs, "/residence_country", &input.residence_country, &near)
            });
            None
        }
    };
    let billing = match input
        .billing_country
        .as_deref()
        .filter(|b| !b.trim().is_empty())
    {
        None => None,
        Some(b) => match country::lookup_in(rs, b) {
            Ok(c) => Some(c),
            Err(near) => {
                errors.push(country_error(rs, "/billing_country", b, &near));
                None
            }
        },
    };
    if let Some(d) = input
        .as_of
        .as_deref()
        .filter(|d| crate::input::date::Date::parse(d).is_none())
    {
        errors.push(
            Finding::new(
                Rule::InputWrongType,
                "/as_of",
                format!("\"{d}\" is not a date of the form YYYY-MM-DD."),
            )
            .help("Give the date as YYYY-MM-DD, e.g. 2026-11-23."),
        );
    }
    let Some(residence) = residence else {
        return ContractAnswer::Failure { errors };
    };
    if !errors.is_empty() {
        return ContractAnswer::Failure { errors };
    }
    ContractAnswer::Success(Box::new(resolve_countries(input, residence, billing, rs)))
}

fn resolve_countries(
    input: &ContractInput,
    residence: &Country,
    billing: Option<&Country>,
    rs: Ruleset,
) -> ContractResult {
    let data = DATA.get(rs);
    let t = &data.terms;
    let citation = |key: &str| citation_in(rs, key);
    let mut notes = Notes {
        rs,
        trace: Vec::new(),
        ambiguities: Vec::new(),
    };

    if let Some(d) = input
        .as_of
        .as_deref()
        .filter(|d| *d < data.effective.as_str())
    {
        notes.ambiguity(
            "as-of-before-agreement",
            "agreement.1.3",
            format!(
                "{d} is before the earliest agreement version this ruleset has ({}).",
                data.effective
            ),
            format!("The {} version is applied.", data.version),
            None,
        );
    }

    // 1. Countries → regions.
    for (label, c) in [("Residence", Some(residence)), ("Billing address", billing)] {
        let Some(c) = c else { continue };
        notes.step(
            entity_clause(c.region),
            format!(
                "{label}: {} ({}) is in {} — {}",
                c.name(),
                c.code,
                c.region.label(),
                c.why
            ),
        );
        if c.unclear() {
            let what = if c.region == Region::Us
                || matches!(c.code.as_str(), "PR" | "GU" | "VI" | "AS" | "MP" | "UM")
            {
                format!(
                    "Whether {} counts as \"the United States of America\" is not stated: {}",
                    c.name(),
                    c.why
                )
            } else {
                format!(
                    "The agreement does not define \"Europe\"; whether {} is in it is unclear: {}",
                    c.name(),
                    c.why
                )
            };
            let clause = if c.region == Region::Us {
                "agreement.entity.us"
            } else {
                "agreement.entity.europe"
            };
            notes.ambiguity(
                &format!("region-{}", c.code.to_lowercase()),
                clause,
                what,
                format!("Read as {}.", c.region.label()),
                None,
            );
        }
    }

    // 2. Entity. A named region (Europe, US, India, Malaysia) reached by
    // residence or billing address prevails over the residual Singapore
    // clause; if residence and billing name two different named regions,
    // residence prevails. Both cases are surfaced as an ambiguity.
    let region = match billing {
        Some(b) if b.region != residence.region => {
            let chosen = if residence.region.is_named() || !b.region.is_named() {
                residence.region
            } else {
                b.region
            };
            notes.ambiguity(
                "residence-billing-differ",
                "agreement.entity.singapore",
                format!(
                    "Residence ({}) and billing address ({}) point to different entities; the agreement names both \"a resident in\" and \"billing address\" as triggers without ranking them.",
                    residence.region.label(),
                    b.region.label()
                ),
                format!(
                    "Read as {}: a region the agreement names prevails over the residual Singapore clause, and residence prevails between two named regions.",
                    chosen.label()
                ),
                None,
            );
            chosen
        }
        _ => residence.region,
    };
    let e = data.entities.iter().find(|e| e.region == region);
    let entity = Entity {
        id: e.map_or_else(|| "singapore".into(), |e| e.id.clone()),
        name: e.map_or_else(String::new, |e| e.name.clone()),
        registration: e.and_then(|e| e.registration.clone()),
        registered_office: e.and_then(|e| e.registered_office.clone()),
        citation: citation(e.map_or("agreement.entity.singapore", |e| e.clause.as_str())),
    };
    notes.step(
        entity_clause(region),
        format!("Contracting entity: {}", sentence(&entity.name)),
    );

    // 3. Addenda.
    let europe = entity.id == "europe";
    let singapore = entity.id == "singapore";
    let in_australia = residence.code == "AU";
    let mut addenda = Vec::new();

    addenda.push(Addendum {
        id: "europe".into(),
        name: "Europe Addendum".into(),
        applies: if europe { Applies::Yes } else { Applies::No },
        condition: if europe {
            "Applies: you contract with Alibaba.com (Europe) Limited.".into()
        } else {
            format!("Does not apply: it applies only to users contracting with Alibaba.com (Europe) Limited; you contract with {}", sentence(&entity.name))
        },
        citation: citation("europe.scope"),
    });
    notes.step("europe.scope", addenda[0].condition.clone());

    let australia = match (in_australia, singapore) {
        (true, true) => Applies::Yes,
        (false, true) if billing.is_some_and(|b| b.code == "AU") => Applies::Depends,
        _ => Applies::No,
    };
    let australia_condition = match australia {
        Applies::Yes => "Applies: you are located in Australia and contract with Alibaba Cloud (Singapore) Private Limited.".to_string(),
        Applies::Depends => "Depends: your billing address is in Australia but you reside elsewhere; it applies to users \"located in Australia\".".to_string(),
        Applies::No if in_australia => format!(
            "Does not apply: you are located in Australia but contract with {}, not Alibaba Cloud (Singapore) Private Limited.",
            entity.name
        ),
        Applies::No => "Does not apply: it applies only to users located in Australia who contract with Alibaba Cloud (Singapore) Private Limited.".into(),
    };
    if australia == Applies::Depends {
        notes.ambiguity(
            "australia-location",
            "australia.scope",
            "The Australia Addendum applies to users \"located in Australia\"; a billing address there with residence elsewhere may or may not count.".into(),
            "Not applied to the terms below.".into(),
            Some(("Are you located in Australia (do you create and use the account from Australia)?", "residence_country")),
        );
    }
    notes.step("australia.scope", australia_condition.clone());
    addenda.push(Addendum {
        id: "australia".into(),
        name: "Australia Addendum".into(),
        applies: australia,
        condition: australia_condition,
        citation: citation("australia.scope"),
    });

    let before_gdpr = input
        .as_of
        .as_deref()
        .is_some_and(|d| d < data.gdpr_from.as_str());
    let gdpr = match input.processes_eu_personal_data {
        _ if before_gdpr => Applies::No,
        Some(true) => Applies::Yes,
        Some(false) => Applies::No,
        None => Applies::Depends,
    };
    let gdpr_condition = match gdpr {
        _ if before_gdpr => format!("Does not apply: the GDPR Addendum applies on and from {}.", data.gdpr_from),
        Applies::Yes => "Applies: the GDPR applies to your processing of personal data using Alibaba Cloud Services.".into(),
        Applies::No => "Does not apply: you stated the GDPR does not apply to your processing of personal data using Alibaba Cloud Services.".into(),
        Applies::Depends => "Depends: it applies if and to the extent that the GDPR applies to your processing of personal data using Alibaba Cloud Services.".into(),
    };
    if gdpr == Applies::Depends {
        let hint = if europe {
            " (Europe Addendum item 2 confirms it applies in those circumstances.)"
        } else {
            ""
        };
        notes.ambiguity(
            "gdpr-unknown",
            "gdpr.scope",
            format!("Whether the GDPR applies to your processing of personal data was not stated.{hint}"),
            "Shown as \"depends\"; not guessed.".into(),
            Some((
                "Does the GDPR apply to personal data you process using Alibaba Cloud Services (for example, you are established in the EU/EEA, or you process personal data of people in the EU)?",
                "processes_eu_personal_data",
            )),
        );
    }
    notes.step("gdpr.scope", gdpr_condition.clone());
    addenda.push(Addendum {
        id: "gdpr".into(),
        name: "GDPR Addendum".into(),
        applies: gdpr,
        condition: gdpr_condition,
        citation: citation("gdpr.scope"),
    });

    let marketplace = match input.uses_marketplace {
        Some(true) => Applies::Yes,
        Some(false) => Applies::No,
        None => Applies::Depends,
    };
    let marketplace_condition = match marketplace {
        Applies::Yes => "Applies: you access or use the International Marketplace.".to_string(),
        Applies::No => "Does not apply: you do not access or use the International Marketplace.".to_string(),
        Applies::Depends => "Depends: it applies if you access or use the International Marketplace (listing a product does).".to_string(),
    };
    if marketplace == Applies::Depends {
        notes.ambiguity(
            "marketplace-unknown",
            "marketplace.scope",
            "Whether you access or use the International Marketplace was not stated.".into(),
            "Shown as \"depends\".".into(),
            Some(("Do you access or use the International Marketplace (e.g. to list or buy products)?", "uses_marketplace")),
        );
    }
    notes.step("marketplace.scope", marketplace_condition.clone());
    addenda.push(Addendum {
        id: "marketplace".into(),
        name: "Marketplace Supplemental Terms".into(),
        applies: marketplace,
        condition: marketplace_condition,
        citation: citation("marketplace.scope"),
    });

    // 4. Terms: the defaults, then each applicable addendum's changes.
    let mut terms = Terms {
        governing_law: t.singapore_law.clone(),
        courts: t.singapore_courts.clone(),
        courts_exclusive: true,
        third_party_rights: t.singapore_third_party.clone(),
        notice_address: t.default_notice_address.clone(),
        business_use_only: false,
        material_change_notice_days: t.material_change_notice_days,
        liability_cap: t.liability_cap_default.clone(),
        clause_changes: Vec::new(),
    };
    notes.step(
        "agreement.13.9",
        format!(
            "Default: governed by {}; exclusive jurisdiction of {}.",
            terms.governing_law, terms.courts
        ),
    );
    notes.step(
        "agreement.12.2",
        format!("Default: notices to {}.", terms.notice_address),
    );
    notes.step(
        "agreement.1.3",
        format!(
            "Material changes take effect {} days after posting.",
            terms.material_change_notice_days
        ),
    );
    let change = |clause: &str, change: &str, by: &str, summary: String| ClauseChange {
        clause: clause.into(),
        change: change.into(),
        by: by.into(),
        summary,
    };
    if europe {
        let office = entity.registered_office.clone().unwrap_or_default();
        terms.governing_law = t.england_law.clone();
        terms.courts = t.england_courts.clone();
        terms.third_party_rights = t.england_third_party.clone();
        terms.notice_address = office.clone();
        terms.business_use_only = true;
        terms.liability_cap = t.liability_cap_europe.clone();
        terms.clause_changes.extend([
            change("9.1(g)", "added", "europe", "You use the services only for commercial, business or enterprise purposes, not personal consumer use.".into()),
            change("10, 11", "qualified", "europe", "The restrictions apply to the fullest extent permitted by law; liability that cannot be limited or excluded is not.".into()),
            change("12.2", "replaced", "europe", format!("Notices go to {office}.")),
            change("13.7", "replaced", "europe", format!("Third-party rights: {}.", t.england_third_party)),
            change("13.9", "replaced", "europe", format!("Governed by {}; exclusive jurisdiction of {}.", t.england_law, t.england_courts)),
        ]);
        notes.step(
            "europe.1.notice",
            format!("Europe Addendum: notices go to {office}, not the Clause 12.2 address."),
        );
        notes.step(
            "europe.3",
            "Europe Addendum: new Clause 9.1(g), business use only.".into(),
        );
        notes.step(
            "europe.6",
            format!(
                "Europe Addendum: Clause 13.7 now refers to the {}.",
                t.england_third_party
            ),
        );
        notes.step(
            "europe.7",
            format!(
                "Europe Addendum: Clause 13.9 replaced — {}, exclusive jurisdiction of {}.",
                t.england_law, t.england_courts
            ),
        );
    }
    if australia == Applies::Yes {
        terms.liability_cap = t.liability_cap_australia.clone();
        terms.clause_changes.extend([
            change("10", "replaced", "australia", "Indemnification only to the extent Alibaba Cloud and its people did not contribute to the claim.".into()),
            change("11.4", "replaced", "australia", "Exclusions of liability, with the exception of Consumer Guarantees.".into()),
            change("11.5", "replaced", "australia", t.liability_cap_australia.clone()),
            change("11.6-11.8", "added", "australia", "Liability for Consumer Guarantees, its exceptions, and limits applying to the maximum extent permitted by law.".into()),
        ]);
        notes.step(
            "australia.1",
            "Australia Addendum: Clause 10 (indemnification) replaced.".into(),
        );
        notes.step(
            "australia.2",
            "Australia Addendum: Clause 11.4 (exclusions of liability) replaced.".into(),
        );
        notes.step(
            "australia.3",
            "Australia Addendum: Clause 11.5 (limitation of liability) replaced.".into(),
        );
        notes.step(
            "australia.4",
            "Australia Addendum: Clauses 11.6, 11.7 and 11.8 added.".into(),
        );
        match input.small_business {
            Some(true) => {
                terms.governing_law = t.nsw_law.clone();
                terms.courts = t.nsw_courts.clone();
                terms.courts_exclusive = false;
                terms.clause_changes.push(change(
                    "13.9",
                    "replaced",
                    "australia",
                    format!("Governed by {}; non-exclusive jurisdiction of {}.", t.nsw_law, t.nsw_courts),
                ));
                notes.step("australia.6.courts", format!("Small business contract: Clause 13.9 replaced — {}, non-exclusive jurisdiction of {}.", t.nsw_law, t.nsw_courts));
            }
            Some(false) => notes.step("australia.6", "Not a small business contract: Clause 13.9 (Singapore) stays.".into()),
            None => notes.ambiguity(
                "australia-small-business",
                "australia.6",
                "Whether this is a small business contract under the Australian Consumer Law's unfair contract terms was not stated; if it is, New South Wales law and courts (non-exclusive) replace Clause 13.9.".into(),
                "Clause 13.9 (Singapore, exclusive) is shown until this is answered.".into(),
                Some(("Is this agreement a small business contract under the Australian Consumer Law's unfair contract terms?", "small_business")),
            ),
        }
    }

    ContractResult {
        residence: resolved(residence),
        billing: billing.map(resolved),
        entity,
        addenda,
        terms,
        trace: notes.trace,
        ambiguities: notes.ambiguities,
        agreement_version: data.version.clone(),
        as_of: input.as_of.clone(),
    }
}

/// How many recent answers [`resolve_cached`] keeps per thread.
const RECENT: usize = 16;

thread_local! {
    /// Recent inputs and their answers: a batch of listings, or a page
    /// re-checking one listing on every keystroke, asks about a handful of
    /// vendors again and again.
    static RECENT_ANSWERS: std::cell::RefCell<Vec<(ContractInput, ContractAnswer)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// [`resolve`], answered from the thread's recent answers when the same
/// input was resolved before (the answer is a pure function of the input
/// and the embedded data).
pub fn resolve_cached(input: &ContractInput) -> ContractAnswer {
    let hit = RECENT_ANSWERS.with(|recent| {
        recent
            .borrow()
            .iter()
            .find(|(i, _)| i == input)
            .map(|(_, answer)| answer.clone())
    });
    if let Some(answer) = hit {
        return answer;
    }
    let answer = resolve(input);
    RECENT_ANSWERS.with(|recent| {
        let mut recent = recent.borrow_mut();
        if recent.len() == RECENT {
            recent.remove(0);
        }
        recent.push((input.clone(), answer.clone()));
    });
    answer
}

/// Resolves from JSON text (the CLI's and wasm's shared path). Malformed
/// input or wrong types are a failure with located findings.
pub fn resolve_json_str(text: &str) -> ContractAnswer {
    let object = match crate::input::json::read_object(
        text,
        "Give one JSON object such as {\"residence_country\": \"DE\"}.",
    ) {
        Ok(object) => object,
        Err(finding) => {
            return ContractAnswer::Failure {
                errors: vec![*finding],
            }
        }
    };
    let map = object.map;
    let mut errors = object.findings;
    let mut string = |key: &str| match map.get(key) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            errors.push(Finding::new(
                Rule::InputWrongType,
                format!("/{key}"),
                format!("{key} must be a string."),
            ));
            None
        }
    };
    let residence_country = string("residence_country").unwrap_or_default();
    let billing_country = string("billing_country");
    let as_of = string("as_of");
    let mut flag = |key: &str| match map.get(key) {
        None | Some(Value::Null) => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(_) => {
            errors.push(Finding::new(
                Rule::InputWrongType,
                format!("/{key}"),
                format!("{key} must be true, false or null."),
            ));
            None
        }
    };
    let input = ContractInput {
        residence_country,
        billing_country,
        uses_marketplace: flag("uses_marketplace"),
        processes_eu_personal_data: flag("processes_eu_personal_data"),
        small_business: flag("small_business"),
        as_of,
    };
    const KNOWN: &[&str] = &[
        "residence_country",
        "billing_country",
        "uses_marketplace",
        "processes_eu_personal_data",
        "small_business",
        "as_of",
    ];
    for k in map.keys().filter(|k| !KNOWN.contains(&k.as_str())) {
        errors.push(
            Finding::new(
                Rule::InputUnknownField,
                crate::input::pointer("", k),
                format!("Unknown field \"{k}\"."),
            )
            .help(format!("Known fields: {}.", KNOWN.join(", "))),
        );
    }
    if errors
        .iter()
        .any(|f| f.severity == crate::report::Severity::Error)
    {
        return ContractAnswer::Failure { errors };
    }
    resolve(&input)
}
