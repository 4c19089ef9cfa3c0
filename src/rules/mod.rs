//! The rules: every check a listing goes through.
//!
//! Each rule has one [`Rule`] variant; its id, default severity, clause and
//! one-line summary sit together in [`Rule::meta`], the single place rule ids
//! are mapped. The checks live one concept per module.

pub mod catalogue;
mod category;
mod delivery_format;
mod fields;
pub mod justifications;
mod lifecycle;
pub mod personal_data;
pub mod suggest;
mod text;
mod trademark_patterns;
mod trademarks;
mod urls;

pub use catalogue::{catalogue, RuleInfo};

use crate::input::Listing;
use crate::policy::Ruleset;
use crate::report::{Finding, Severity};

/// What a rule is: id, default severity, clause key and summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleMeta {
    /// Stable id used in reports, e.g. `delivery-format/unsupported`.
    pub id: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// Key of the clause in `data/clauses.json`.
    pub clause: &'static str,
    /// What the rule checks, in one line.
    pub summary: &'static str,
}

macro_rules! rules {
    ($( $(#[$doc:meta])* $variant:ident => ($id:literal, $sev:ident, $clause:literal, $summary:literal), )*) => {
        /// Every rule the checker knows.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Rule {
            $( $(#[$doc])* $variant, )*
        }

        impl Rule {
            /// Every rule, in catalogue order.
            pub const ALL: &'static [Rule] = &[ $( Rule::$variant, )* ];

            /// The rule's id, default severity, clause and summary.
            pub const fn meta(self) -> RuleMeta {
                match self {
                    $( Rule::$variant => RuleMeta {
                        id: $id,
                        severity: Severity::$sev,
                        clause: $clause,
                        summary: $summary,
                    }, )*
                }
            }
        }
    };
}

rules! {
    /// The input is not JSON (or is empty).
    InputNotJson => ("input/not-json", Error, "schema.input", "The input must be valid JSON."),
    /// The input is JSON but not an object.
    InputNotObject => ("input/not-object", Error, "schema.input", "A listing is one JSON object."),
    /// The input exceeds the size limit.
    InputTooLarge => ("input/too-large", Error, "schema.limits", "The input must be at most 1 MiB."),
    /// The input nests too deep.
    InputTooDeep => ("input/too-deep", Error, "schema.limits", "The input must nest at most 64 levels."),
    /// A key given twice in one JSON object.
    InputDuplicateKey => ("input/duplicate-key", Error, "schema.duplicates", "Each key appears at most once in an object."),
    /// More findings of one rule than a report lists.
    ReportTruncated => ("report/truncated", Info, "schema.limits", "A report lists at most 100 findings of each rule and counts the rest."),
    /// A field has the wrong JSON type.
    InputWrongType => ("input/wrong-type", Error, "schema.input", "Each field must have the type the schema gives."),
    /// A field the schema does not define.
    InputUnknownField => ("input/unknown-field", Warning, "schema.unknown", "Fields the schema does not define are ignored."),
    /// A required field is absent.
    FieldMissing => ("field/missing", Error, "schema.required", "Required fields must be present."),
    /// A required field is empty or blank.
    FieldEmpty => ("field/empty", Error, "schema.required", "Required fields must not be empty."),
    /// A text field exceeds its length limit.
    FieldTooLong => ("field/too-long", Warning, "schema.limits", "Text fields must fit their length limits."),
    /// A list has more items than allowed.
    FieldTooMany => ("field/too-many", Warning, "schema.limits", "Lists must fit their item limits."),
    /// An allowed value written another way (case, spaces, a common name, a near typo).
    FieldNonCanonical => ("field/non-canonical", Warning, "schema.input", "Allowed values are written as the schema spells them."),
    /// Control characters in text.
    TextControlCharacter => ("text/control-character", Warning, "policy.restrictions.5", "Text must not contain control characters."),
    /// Bidirectional override/isolate characters, which can disguise text.
    TextBidiControl => ("text/bidi-control", Error, "policy.restrictions.5", "Text must not contain bidirectional control characters that reorder what is displayed."),
    /// Invisible characters (zero-width, soft hyphen), which can disguise text.
    TextInvisibleCharacter => ("text/invisible-character", Warning, "policy.restrictions.5", "Text should not contain invisible characters."),
    /// Delivery format other than image or SaaS.
    DeliveryFormatUnsupported => ("delivery-format/unsupported", Error, "policy.1.delivery", "Products must be delivered as a machine image or as SaaS."),
    /// Image listing without its image details.
    DeliveryFormatImageDetails => ("delivery-format/image-details", Error, "schema.image", "An image listing gives image.os and image.architecture."),
    /// SaaS listing without an https service URL.
    DeliveryFormatSaasUrl => ("delivery-format/saas-url", Error, "schema.saas", "A SaaS listing gives saas.url as an https URL."),
    /// Details given for the delivery format not chosen.
    DeliveryFormatUnusedSection => ("delivery-format/unused-section", Warning, "schema.input", "Details for the other delivery format are ignored."),
    /// Category path not in the policy's table.
    CategoryUnknown => ("category/unknown", Error, "policy.1.categories", "The category must be one of the policy's categories."),
    /// Category path with the wrong number of levels.
    CategoryWrongDepth => ("category/wrong-depth", Error, "policy.1.categories", "The category is given as [category, sub-category]."),
    /// Sub-category under the wrong parent.
    CategoryWrongParent => ("category/wrong-parent", Error, "policy.1.categories", "A sub-category must sit under its own category."),
    /// The listing relies on an uncertain reading of the category table.
    CategoryAmbiguousReading => ("category/ambiguous-reading", Info, "policy.1.categories", "The listing relies on an uncertain reading of the category table."),
    /// A URL that is not an absolute http(s) URL with a host.
    UrlInvalid => ("url/invalid", Error, "schema.urls", "URLs must be absolute https URLs with a host name."),
    /// A vendor country the contract resolver does not know.
    ContractUnknownCountry => ("contract/unknown-country", Warning, "agreement.parties", "The vendor's country must be a known country to resolve the contracting entity."),
    /// A plain-http URL.
    UrlInsecure => ("url/insecure", Warning, "schema.urls", "URLs should use https."),
    /// Wording that signals content prohibited by law.
    SignalIllegal => ("signal/illegal", Error, "policy.restrictions.1", "Listings must not offer content or services prohibited by law."),
    /// Wording that signals infringement (cracks, piracy, counterfeits).
    SignalIpInfringement => ("signal/ip-infringement", Error, "policy.restrictions.2", "Listings must not infringe third parties' copyrights, trademarks or other rights."),
    /// Wording that signals malware.
    SignalMalware => ("signal/malware", Error, "policy.restrictions.3", "Listings must not contain or advertise viruses, malware or Trojans."),
    /// Wording that signals unreasonable collection of personal data.
    SignalPersonalData => ("signal/personal-data", Error, "policy.restrictions.4", "Listings must not unreasonably collect personal data from end-users."),
    /// Wording that signals virtual-currency mining.
    SignalCryptoMining => ("signal/crypto-mining", Error, "agreement.3.2.f", "Services must not be used for bitcoin mining or creating other virtual currency."),
    /// Wording that signals defamation, threats or harassment.
    SignalHarassment => ("signal/harassment", Error, "agreement.3.2.g.i", "Content must not be defamatory, threatening or harassing."),
    /// Wording that signals obscene or sexually explicit content.
    SignalObscene => ("signal/obscene", Error, "agreement.3.2.g.ii", "Content must not be obscene, pornographic or sex-related merchandising."),
    /// Wording that signals discrimination.
    SignalDiscrimination => ("signal/discrimination", Error, "agreement.3.2.g.iii", "Content must not promote discrimination."),
    /// Wording that signals reselling Alibaba Cloud Services.
    SignalReselling => ("signal/reselling", Error, "agreement.3.2.m", "Members must not resell or sublicense Alibaba Cloud Services."),
    /// Wording that signals fraud.
    SignalFraud => ("signal/fraud", Error, "policy.restrictions.5", "Listings must not be fraudulent."),
    /// A collected kind of personal data the checker does not know.
    PersonalDataUnknownKind => ("personal-data/unknown-kind", Warning, "schema.personal_data", "Collected kinds of personal data come from the documented list."),
    /// Sensitive personal data collected without a stated purpose.
    PersonalDataNoPurpose => ("personal-data/no-purpose", Error, "policy.restrictions.4", "Sensitive personal data needs a stated purpose."),
    /// Personal data collected without an https privacy policy.
    PersonalDataNoPrivacyPolicy => ("personal-data/no-privacy-policy", Error, "policy.restrictions.4", "A product that collects personal data links an https privacy policy."),
    /// Personal data that nothing in the listing explains.
    PersonalDataUnexplained => ("personal-data/unexplained", Warning, "policy.restrictions.4", "Collected personal data should follow from what the product does."),
    /// A vendor in Europe collecting personal data: the GDPR Addendum.
    PersonalDataGdpr => ("personal-data/gdpr", Info, "gdpr.scope", "A vendor in Europe that collects personal data is subject to the GDPR Addendum."),
    /// A date or ratio field that cannot be read.
    FieldInvalidDate => ("field/invalid-date", Error, "schema.dates", "Dates are YYYY-MM-DD; negative_feedback_ratio is from 0 to 1."),
    /// No purchase for more than 6 months before the as_of date.
    SuspensionNoPurchase => ("suspension/no-purchase", Warning, "policy.2.a", "A product not purchased for more than 6 months may be suspended or removed."),
    /// Consistent negative feedback.
    SuspensionNegativeFeedback => ("suspension/negative-feedback", Warning, "policy.2.b", "A product with consistent negative feedback may be suspended or removed."),
    /// Not kept up to date with bug fixes and patches.
    SuspensionOutdated => ("suspension/outdated", Warning, "policy.2.c", "A product not kept up to date with bug fixes and patches may be suspended or removed."),
    /// Date-dependent removal grounds not evaluated for want of an as_of date.
    SuspensionNotEvaluated => ("suspension/not-evaluated", Info, "policy.2.a", "Removal grounds that depend on dates need the check's as_of date."),
    /// A well-known third-party mark used as if the vendor owned it.
    TrademarkUnauthorized => ("trademark/unauthorized", Warning, "policy.restrictions.2", "Third-party marks in a product name, or claimed as official, need the owner's authorization."),
    /// The as_of date precedes the documents the ruleset encodes.
    RulesetNotInForce => ("ruleset/not-in-force", Info, "policy.preamble", "The policy and agreement versions applied were in force on the as_of date."),
    /// An infringement report without proof of the submitter's identity.
    IpReportIdentity => ("ip-report/identity", Error, "policy.ip.a", "A report includes proof of identity of the submitter."),
    /// A report by someone other than the rights holder without authorization.
    IpReportAuthorization => ("ip-report/authorization", Error, "policy.ip.a", "A submitter who is not the rights holder includes the holder's authorization."),
    /// A report without proof of ownership.
    IpReportOwnership => ("ip-report/ownership", Error, "policy.ip.b", "A report includes proof of intellectual property ownership."),
    /// A report without links to the listings.
    IpReportListings => ("ip-report/listings", Error, "policy.ip.c", "A report links each allegedly infringing listing."),
    /// A listing link that is not a precise link to one marketplace listing.
    IpReportListingUrl => ("ip-report/listing-url", Error, "policy.ip.c", "Listing links are precise, clickable links to listings on the International Marketplace."),
    /// A counter-notification that does not identify the vendor, report, listing or grounds.
    IpCounterIncomplete => ("ip-report/counter-incomplete", Error, "policy.ip.counter", "A counter-notification names the vendor, the report it disputes, the listing and why."),
    /// A justification that tries to clear a finding that cannot be justified.
    JustificationNotAllowed => ("justification/not-allowed", Warning, "schema.justifications", "Errors for malware, illegal content and required fields cannot be justified away."),
    /// A justification that matches no finding.
    JustificationUnused => ("justification/unused", Info, "schema.justifications", "A justification should name the rule and path of a finding."),
}

impl Rule {
    /// The rule with this id.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.meta().id == id)
    }
}

/// Runs every listing rule of ruleset `rs` and appends its findings.
pub fn run(listing: &Listing, as_of: Option<&str>, rs: Ruleset, out: &mut Vec<Finding>) {
    // Every string with its JSON Pointer, collected once for the rules that
    // look at all text.
    let strings = listing.strings();
    fields::check(listing, &strings, out);
    text::check(&strings, out);
    delivery_format::check(listing, rs, out);
    category::check(listing, rs, out);
    urls::check(listing, out);
    crate::signals::check_fields(&strings, rs, out);
    personal_data::check(listing, rs, out);
    trademarks::check(listing, rs, out);
    lifecycle::check(listing, as_of, rs, out);
}
