//! Contracting entity, addenda and terms, table-driven over countries.
#![cfg(not(target_arch = "wasm32"))]

use listing_precheck::contract::{
    resolve, resolve_json_str, Applies, ContractAnswer, ContractInput, ContractResult,
};

fn ok(input: ContractInput) -> ContractResult {
    match resolve(&input) {
        ContractAnswer::Success(r) => *r,
        ContractAnswer::Failure { errors } => panic!("{input:?}: {errors:#?}"),
    }
}

fn at(residence: &str) -> ContractInput {
    ContractInput {
        residence_country: residence.into(),
        uses_marketplace: Some(true),
        processes_eu_personal_data: Some(false),
        small_business: Some(false),
        ..Default::default()
    }
}

fn applies(r: &ContractResult, id: &str) -> Applies {
    r.addenda
        .iter()
        .find(|a| a.id == id)
        .map(|a| a.applies)
        .expect("addendum listed")
}

fn has_region_ambiguity(r: &ContractResult) -> bool {
    r.ambiguities.iter().any(|a| a.id.starts_with("region-"))
}

const EU: &[&str] = &[
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
];

#[test]
fn europe_clear_cases() {
    let mut clear: Vec<&str> = EU.iter().copied().filter(|c| *c != "CY").collect();
    clear.extend(["IS", "LI", "NO", "GB", "CH", "AD", "MC", "SM", "VA"]);
    for code in clear {
        let r = ok(at(code));
        assert_eq!(r.entity.id, "europe", "{code}");
        assert_eq!(applies(&r, "europe"), Applies::Yes, "{code}");
        assert_eq!(applies(&r, "australia"), Applies::No, "{code}");
        assert_eq!(
            r.terms.governing_law, "the law of England and Wales",
            "{code}"
        );
        assert!(
            r.terms.courts_exclusive && r.terms.business_use_only,
            "{code}"
        );
        assert!(r.terms.notice_address.contains("London"), "{code}");
        assert!(r.terms.third_party_rights.contains("1999"), "{code}");
        assert!(
            !has_region_ambiguity(&r),
            "{code}: no ambiguity for a clear case"
        );
    }
}

#[test]
fn unclear_countries_get_a_reading_and_an_ambiguity() {
    let rows: &[(&str, &str)] = &[
        ("CY", "europe"),
        ("TR", "singapore"),
        ("RU", "europe"),
        ("UA", "europe"),
        ("GE", "singapore"),
        ("AM", "singapore"),
        ("AZ", "singapore"),
        ("KZ", "singapore"),
        ("BY", "europe"),
        ("MD", "europe"),
        ("AL", "europe"),
        ("BA", "europe"),
        ("ME", "europe"),
        ("MK", "europe"),
        ("RS", "europe"),
        ("XK", "europe"),
        ("GF", "europe"),
        ("RE", "europe"),
        ("GL", "singapore"),
        ("FO", "europe"),
        ("GI", "europe"),
        ("IM", "europe"),
        ("JE", "europe"),
        ("GG", "europe"),
        ("PR", "us"),
        ("GU", "us"),
        ("VI", "us"),
        ("AS", "us"),
    ];
    for (code, entity) in rows {
        let r = ok(at(code));
        assert_eq!(r.entity.id, *entity, "{code}");
        assert!(has_region_ambiguity(&r), "{code}: ambiguity expected");
        let law = if *entity == "europe" {
            "the law of England and Wales"
        } else {
            "the laws of Singapore, without regard to its conflict of law provisions"
        };
        assert_eq!(r.terms.governing_law, law, "{code}");
    }
}

#[test]
fn other_named_regions_and_the_singapore_default() {
    let rows: &[(&str, &str)] = &[
        ("US", "us"),
        ("IN", "india"),
        ("MY", "malaysia"),
        ("SG", "singapore"),
        ("CN", "singapore"),
        ("HK", "singapore"),
        ("JP", "singapore"),
        ("BR", "singapore"),
        ("AU", "singapore"),
    ];
    for (code, entity) in rows {
        let r = ok(at(code));
        assert_eq!(r.entity.id, *entity, "{code}");
        assert_eq!(applies(&r, "europe"), Applies::No, "{code}");
        assert_eq!(
            r.terms.notice_address,
            "26/F, Tower One, Times Square, 1 Matheson Street, Causeway Bay, Hong Kong",
            "{code}"
        );
        assert!(r.terms.third_party_rights.contains("Cap. 53 B"), "{code}");
        assert!(!has_region_ambiguity(&r), "{code}");
        assert_eq!(r.terms.material_change_notice_days, 15);
        // An entity name ending in a full stop ("Sdn. Bhd.") ends a
        // sentence without a second one.
        let json = serde_json::to_string(&r).unwrap_or_default();
        assert!(!json.contains(".."), "{code}: {json}");
    }
}

#[test]
fn australia_addendum_and_small_business() {
    let r = ok(at("AU"));
    assert_eq!(applies(&r, "australia"), Applies::Yes);
    let changed: Vec<&str> = r
        .terms
        .clause_changes
        .iter()
        .map(|c| c.clause.as_str())
        .collect();
    assert_eq!(changed, vec!["10", "11.4", "11.5", "11.6-11.8"]);
    assert!(
        r.terms.governing_law.contains("Singapore"),
        "not a small business contract"
    );

    let small = ok(ContractInput {
        small_business: Some(true),
        ..at("australia")
    });
    assert_eq!(
        small.terms.governing_law,
        "the law of New South Wales and Australia"
    );
    assert_eq!(small.terms.courts, "the courts of New South Wales");
    assert!(!small.terms.courts_exclusive);

    let unknown = ok(ContractInput {
        small_business: None,
        ..at("AU")
    });
    let q = unknown
        .ambiguities
        .iter()
        .find(|a| a.id == "australia-small-business")
        .expect("asked");
    assert_eq!(q.answer_field.as_deref(), Some("small_business"));

    // Located in Australia but billed in the US: US entity, no Australia Addendum.
    let us_billed = ok(ContractInput {
        billing_country: Some("US".into()),
        ..at("AU")
    });
    assert_eq!(us_billed.entity.id, "us");
    assert_eq!(applies(&us_billed, "australia"), Applies::No);
    // Billed in Australia, residing in Singapore: depends, and asked.
    let au_billed = ok(ContractInput {
        billing_country: Some("AU".into()),
        ..at("SG")
    });
    assert_eq!(applies(&au_billed, "australia"), Applies::Depends);
    assert!(au_billed
        .ambiguities
        .iter()
        .any(|a| a.id == "australia-location"));
}

#[test]
fn residence_and_billing_in_different_regions() {
    let rows: &[(&str, &str, &str)] = &[
        ("DE", "SG", "europe"), // named region by residence beats the residual clause
        ("SG", "DE", "europe"), // named region by billing beats the residual clause
        ("US", "FR", "us"),     // two named regions: residence prevails
        ("IN", "MY", "india"),
        ("JP", "US", "us"),
    ];
    for (res, bill, entity) in rows {
        let r = ok(ContractInput {
            billing_country: Some((*bill).into()),
            ..at(res)
        });
        assert_eq!(r.entity.id, *entity, "{res}/{bill}");
        assert!(
            r.ambiguities
                .iter()
                .any(|a| a.id == "residence-billing-differ"),
            "{res}/{bill}"
        );
    }
    let same = ok(ContractInput {
        billing_country: Some("FR".into()),
        ..at("DE")
    });
    assert!(
        !same
            .ambiguities
            .iter()
            .any(|a| a.id == "residence-billing-differ"),
        "same region is no ambiguity"
    );
}

#[test]
fn gdpr_and_marketplace_are_questions_when_unknown() {
    let r = ok(ContractInput {
        residence_country: "DE".into(),
        ..Default::default()
    });
    assert_eq!(applies(&r, "gdpr"), Applies::Depends);
    assert_eq!(applies(&r, "marketplace"), Applies::Depends);
    let ids: Vec<&str> = r.ambiguities.iter().map(|a| a.id.as_str()).collect();
    assert!(
        ids.contains(&"gdpr-unknown") && ids.contains(&"marketplace-unknown"),
        "{ids:?}"
    );
    let yes = ok(ContractInput {
        processes_eu_personal_data: Some(true),
        ..at("SG")
    });
    assert_eq!(applies(&yes, "gdpr"), Applies::Yes);
    let before = ok(ContractInput {
        processes_eu_personal_data: Some(true),
        as_of: Some("2018-05-24".into()),
        ..at("DE")
    });
    assert_eq!(
        applies(&before, "gdpr"),
        Applies::No,
        "GDPR Addendum applies on and from 25 May 2018"
    );
}

#[test]
fn names_aliases_and_errors() {
    for (name, entity) in [
        ("United Kingdom", "europe"),
        ("UK", "europe"),
        ("Deutschland", "europe"),
        ("德国", "europe"),
        ("usa", "us"),
        ("马来西亚", "malaysia"),
    ] {
        assert_eq!(ok(at(name)).entity.id, entity, "{name}");
    }
    match resolve(&at("Atlantis")) {
        ContractAnswer::Failure { errors } => {
            assert_eq!(errors[0].path, "/residence_country");
            assert_eq!(errors[0].rule, "contract/unknown-country");
        }
        other => panic!("unknown country must not fall back to Singapore: {other:?}"),
    }
    match resolve_json_str(
        r#"{"residence_country": "DE", "billing_country": 5, "as_of": "2026-02-30"}"#,
    ) {
        ContractAnswer::Failure { errors } => {
            let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
            assert!(paths.contains(&"/billing_country"), "{paths:?}");
        }
        other => panic!("{other:?}"),
    }
    match resolve_json_str(r#"{"residence_country": "DE", "as_of": "2026-02-30"}"#) {
        ContractAnswer::Failure { errors } => assert_eq!(errors[0].path, "/as_of"),
        other => panic!("invalid date accepted: {other:?}"),
    }
    assert!(matches!(
        resolve_json_str("nope"),
        ContractAnswer::Failure { .. }
    ));
}

#[test]
fn a_former_country_is_answered_with_its_successors() {
    for (input, until, successor) in [
        ("USSR", "1991", "Lithuania"),
        ("Soviet Union", "1991", "Kazakhstan"),
        ("苏联", "1991", "Ukraine"),
        ("Yugoslavia", "2003", "Slovenia"),
        ("Czechoslovakia", "1992", "Slovakia"),
        ("Netherlands Antilles", "2010", "Cura\u{e7}ao"),
        ("AN", "2010", "Sint Maarten"),
    ] {
        match resolve(&at(input)) {
            ContractAnswer::Failure { errors } => {
                assert_eq!(errors[0].rule, "contract/unknown-country", "{input}");
                assert!(errors[0].message.contains(until), "{input}: {errors:?}");
                let help = &errors[0].help;
                assert!(help.contains(successor), "{input}: {help}");
            }
            other => panic!("{input} must not resolve to one country: {other:?}"),
        }
    }
    // Successors under different entities (the Baltic states are in the
    // EU, Kazakhstan is not) are said to be so; two EU states are not.
    let help = |input: &str| match resolve(&at(input)) {
        ContractAnswer::Failure { errors } => errors[0].help.clone(),
        other => panic!("{other:?}"),
    };
    assert!(help("USSR").contains("not all under the same"));
    assert!(!help("Czechoslovakia").contains("not all under the same"));
    // A country that became one other is that country.
    assert_eq!(ok(at("East Germany")).entity.id, "europe");
    assert_eq!(ok(at("Zaire")).residence.code, "CD");
}

#[test]
fn every_country_resolves_and_every_trace_step_is_cited() {
    for c in listing_precheck::contract::country::all() {
        let r = ok(at(&c.code));
        assert!(!r.trace.is_empty());
        for s in &r.trace {
            assert!(
                !s.citation.quote.is_empty(),
                "{}: step {} uncited",
                c.code,
                s.step
            );
        }
    }
}
