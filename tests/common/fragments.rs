//! Text fragments that reach many rules: signals (plain and disguised),
//! hidden characters, look-alikes, CJK, URLs, marks, countries and plain
//! prose. Generated listings (proptest natively, a fixed generator in wasm)
//! are assembled from them.

/// The fragments.
pub const FRAGMENTS: &[&str] = &[
    "hardened image",
    "k3yl0gger",
    "c r a c k",
    "木马",
    "免\u{200B}杀",
    "data mining",
    "detects trojans",
    "Scunthorpe",
    "crypto mining",
    "\u{202E}exe.gpj",
    "аdult",
    "😀",
    "https://acme.example.com/x",
    "http://insecure.example",
    "javascript:alert(1)",
    "\u{0}",
    "\t",
    "\n",
    "résumé",
    "ｆｕｌｌｗｉｄｔｈ",
    "🏴‍☠️ warez",
    "official Photoshop",
    "for Windows",
    "image",
    "saas",
    "DE",
    "Australia",
    "中国",
    "Software Infrastructure",
    "Operating Systems",
    "",
];
