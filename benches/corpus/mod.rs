//! Deterministic corpora shared by the benchmarks: product-description
//! text with signal terms and benign look-alikes at a realistic rate, and
//! whole listings built from it (valid categories, countries, URLs).
#![allow(dead_code)]

/// A small xorshift generator: the same corpus on every run and machine.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }
    /// The next number.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// One of `items`.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() >> 8) as usize % items.len()]
    }
}

/// Words of ordinary listings, with a few signal terms and look-alikes mixed
/// in at a realistic rate.
pub const WORDS: &[&str] = &[
    "the",
    "a",
    "and",
    "for",
    "with",
    "your",
    "our",
    "to",
    "of",
    "in",
    "on",
    "secure",
    "scalable",
    "cloud",
    "native",
    "platform",
    "image",
    "hardened",
    "Ubuntu",
    "Debian",
    "Windows",
    "Server",
    "database",
    "PostgreSQL",
    "MySQL",
    "Redis",
    "Kubernetes",
    "cluster",
    "monitoring",
    "logging",
    "analytics",
    "dashboard",
    "API",
    "gateway",
    "backup",
    "recovery",
    "high",
    "availability",
    "performance",
    "tuned",
    "preinstalled",
    "configured",
    "enterprise",
    "support",
    "24/7",
    "compliance",
    "GDPR",
    "encryption",
    "at",
    "rest",
    "transit",
    "automated",
    "patching",
    "deployment",
    "one-click",
    "instances",
    "ECS",
    "storage",
    "object",
    "bucket",
    "CDN",
    "latency",
    "throughput",
    "users",
    "teams",
    "workflow",
    "integration",
    "Slack",
    "email",
    "notifications",
    "alerts",
    "data",
    "mining",
    "process",
    "pipeline",
    "ETL",
    "warehouse",
    "machine",
    "learning",
    "GPU",
    "training",
    "inference",
    "model",
    "class",
    "assassin",
    "Essex",
    "analyst",
    "therapist",
    "grape",
    "cockpit",
    "crack",
    "detection",
    "license",
    "key",
    "management",
    "detects",
    "ransomware",
    "Trojans",
    "endpoint",
    "protection",
];
pub const SIGNALS: &[&str] = &[
    "k3yl0gg3r",
    "bitcoin mining",
    "c r a c k e d",
    "mаlwаre",
    "keygen",
    "挖矿",
    "破解版",
];

/// A deterministic corpus of `count` descriptions of about `len` bytes.
fn corpus(count: usize, len: usize) -> Vec<String> {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..count)
        .map(|_| {
            let mut s = String::with_capacity(len + 32);
            while s.len() < len {
                let r = next();
                if r % 97 == 0 {
                    s.push_str(SIGNALS[(r / 97) as usize % SIGNALS.len()]);
                } else {
                    s.push_str(WORDS[(r >> 8) as usize % WORDS.len()]);
                }
                s.push_str(if r % 13 == 0 { ". " } else { " " });
            }
            s
        })
        .collect()
}

/// Text of about `len` bytes: ordinary listing words, with a signal term
/// (or disguised term) about once per 97 words and sentences of ~13 words.
pub fn text(rng: &mut Rng, len: usize) -> String {
    let mut s = String::with_capacity(len + 32);
    while s.len() < len {
        let r = rng.next();
        if r % 97 == 0 {
            s.push_str(SIGNALS[(r / 97) as usize % SIGNALS.len()]);
        } else {
            s.push_str(WORDS[(r >> 8) as usize % WORDS.len()]);
        }
        s.push_str(if r % 13 == 0 { ". " } else { " " });
    }
    s
}

/// `count` texts of about `len` bytes each.
pub fn texts(count: usize, len: usize) -> Vec<String> {
    let mut rng = Rng::new(0x2545_f491_4f6c_dd1d);
    (0..count).map(|_| text(&mut rng, len)).collect()
}

const CATEGORIES: &[(&str, &str)] = &[
    ("Software Infrastructure", "Operating Systems"),
    ("Software Infrastructure", "Application Servers"),
    ("Software Infrastructure", "Network Infrastructure"),
    ("Developer Tools", "Code Management"),
    ("Developer Tools", "Message Queue"),
    ("Business Software", "Compliance and Audit"),
];
const COUNTRIES: &[&str] = &[
    "DE", "US", "IN", "MY", "SG", "AU", "FR", "JP", "BR", "GB", "CN", "NL",
];
const NAMES: &[&str] = &[
    "Acme",
    "Northwind",
    "Contoso",
    "Globex",
    "Initech",
    "Umbrella",
    "Stark",
    "Wayne",
];
const PRODUCTS: &[&str] = &[
    "Hardened Ubuntu",
    "PostgreSQL HA",
    "Kubernetes Gateway",
    "Backup Vault",
    "Log Analytics",
    "WAF Appliance",
    "CI Runner",
    "Data Lake",
];

/// Listing `i` of a deterministic catalogue, as one JSON line: a typical
/// listing (~1.2 KB: a ~900-byte description, short description, keywords,
/// vendor, URLs), image or SaaS, in categories of the policy table.
pub fn listing(rng: &mut Rng, i: usize, description_len: usize) -> String {
    let (category, sub) = CATEGORIES[(rng.next() >> 8) as usize % CATEGORIES.len()];
    let vendor = rng.pick(NAMES);
    let product = rng.pick(PRODUCTS);
    let image = rng.next() % 3 != 0;
    let mut l = serde_json::json!({
        "id": format!("listing-{i}"),
        "name": format!("{vendor} {product}"),
        "short_description": text(rng, 80).trim(),
        "description": text(rng, description_len),
        "keywords": [rng.pick(WORDS), rng.pick(WORDS), rng.pick(WORDS)],
        "delivery_format": if image { "image" } else { "saas" },
        "category": [category, sub],
        "vendor": {"name": format!("{vendor} Ltd"), "country": rng.pick(COUNTRIES)},
        "urls": {
            "product": format!("https://{}.example.com/{}", vendor.to_lowercase(), i),
            "support": format!("https://{}.example.com/support", vendor.to_lowercase()),
        },
    });
    if image {
        l["image"] = serde_json::json!({"os": "Ubuntu 24.04", "architecture": "x86_64"});
    } else {
        l["saas"] = serde_json::json!({"url": format!("https://app.{}.example.com", vendor.to_lowercase())});
    }
    l.to_string()
}

/// `count` listings, one JSON line each.
pub fn listings(count: usize, description_len: usize) -> Vec<String> {
    let mut rng = Rng::new(0x9e37_79b9_7f4a_7c15);
    (0..count)
        .map(|i| listing(&mut rng, i, description_len))
        .collect()
}
