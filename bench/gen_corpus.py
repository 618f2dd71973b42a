#!/usr/bin/env python3
"""Seeded generator of a Jekyll-style blog corpus for the Feedwright benchmark.

    gen_corpus.py --posts N --seed S --out DIR

writes DIR/posts/YYYY-MM-DD-slug.md (N files) and DIR/feeds-config/site.yml.
The same (N, seed) always gives byte-identical files. Only the standard library
is used; every word pool below was written for this benchmark.
"""

import argparse
import bisect
import datetime as dt
import os
import random
import shutil
import sys

GENERATOR_VERSION = "1"

# --------------------------------------------------------------------------
# Vocabulary (fixed, independent of the seed)
# --------------------------------------------------------------------------

CATEGORIES = [
    "投資分析", "テクノロジー", "エネルギー", "半導体", "クラウド", "AI研究",
    "マーケット", "スタートアップ", "政策・規制", "データセンター",
    "セキュリティ", "Open Source",
]
# mild skew: the first categories are used more often
CATEGORY_WEIGHTS = [14, 12, 10, 9, 8, 8, 7, 6, 5, 4, 3, 2]

# The most popular tags come first; rank decides the Zipf weight.
_TAG_HEAD = [
    "AI", "最新ニュース", "投資", "電力", "半導体", "クラウド", "データセンター",
    "生成AI", "GPU", "規制", "決算", "スタートアップ", "冷却", "再生可能エネルギー",
    "Kubernetes", "セキュリティ", "LLM", "円安", "米国株", "日本株",
]
_TAG_JA = [
    "蓄電池", "送電網", "水素", "原子力", "洋上風力", "太陽光", "地熱", "省エネ",
    "液浸冷却", "空調", "光通信", "海底ケーブル", "5G", "衛星通信", "量子計算",
    "ロボティクス", "自動運転", "電気自動車", "サプライチェーン", "物流",
    "半導体製造装置", "露光装置", "メモリ", "ファウンドリ", "パッケージング",
    "補助金", "税制", "金利", "インフレ", "為替", "債券", "配当", "自社株買い",
    "IPO", "M&A", "ベンチャー投資", "人材", "働き方", "教育", "医療",
    "創薬", "バイオ", "農業", "食品", "小売", "不動産", "地方創生", "北海道",
    "九州", "関西", "東京", "台湾", "韓国", "欧州", "インド", "東南アジア",
    "中東", "気候変動", "脱炭素", "カーボンクレジット", "ESG", "ガバナンス",
    "個人情報", "著作権", "標準化", "オープンデータ", "電子政府", "行政DX",
    "フィンテック", "決済", "暗号資産", "ブロックチェーン", "サイバー攻撃",
    "ランサムウェア", "ゼロトラスト", "認証", "暗号化", "バックアップ",
    "可観測性", "障害対応", "コスト最適化", "エッジ", "IoT", "センサー",
    "デジタルツイン", "シミュレーション", "数値予報", "宇宙", "防災", "水資源",
]
_TAG_EN = [
    "Rust", "Go", "Java", "Python", "TypeScript", "WebAssembly", "PostgreSQL",
    "SQLite", "Redis", "Kafka", "Linux", "eBPF", "RISC-V", "ARM", "x86",
    "CUDA", "TPU", "FPGA", "HBM", "NVMe", "CXL", "Ethernet", "InfiniBand",
    "Terraform", "Ansible", "Prometheus", "Grafana", "OpenTelemetry", "gRPC",
    "GraphQL", "REST", "OAuth", "WebAuthn", "TLS", "DNS", "CDN", "HTTP/3",
    "Serverless", "Edge Computing", "Machine Learning", "Deep Learning",
    "Computer Vision", "Speech", "Robotics", "Open Source", "DevOps", "SRE",
    "FinOps", "MLOps", "Data Engineering", "Vector Database", "RAG", "Agents",
    "Benchmarks", "Energy Storage", "Smart Grid", "Carbon Capture", "Semis",
]
_TAG_SUFFIX = ["市場", "動向", "戦略", "規制", "投資", "技術", "需要", "供給"]


def _build_tags():
    tags = list(_TAG_HEAD) + list(_TAG_JA) + list(_TAG_EN)
    base = ["AI", "電力", "半導体", "クラウド", "データセンター", "GPU", "蓄電池",
            "水素", "量子計算", "自動運転", "暗号資産", "メモリ"]
    for suf in _TAG_SUFFIX:
        for b in base:
            if len(tags) >= 200:
                break
            tags.append(b + suf)
    tags = tags[:200]
    seen = {}
    for t in tags:
        key = t.lower().replace(" ", "-")
        if key in seen:
            raise SystemExit("internal error: duplicate tag %r" % t)
        seen[key] = True
    if len(tags) != 200:
        raise SystemExit("internal error: %d tags" % len(tags))
    return tags


TAGS = _build_tags()
# Zipf-like: weight of rank r is 1 / r^1.1
_TAG_CUM = []
_acc = 0.0
for _r in range(1, len(TAGS) + 1):
    _acc += 1.0 / (_r ** 1.1)
    _TAG_CUM.append(_acc)
_TAG_TOTAL = _acc

AUTHORS = ["編集部", "編集部", "編集部", "佐藤 健", "Mika Tanaka", "山田 花子",
           "Editorial Team", "リサーチチーム"]

# (Japanese topic, English slug words)
TOPICS = [
    ("次世代データセンター", "next-gen-datacenter"),
    ("液浸冷却システム", "immersion-cooling"),
    ("洋上風力発電", "offshore-wind"),
    ("系統用蓄電池", "grid-battery"),
    ("国産半導体工場", "domestic-fab"),
    ("生成AIプラットフォーム", "genai-platform"),
    ("分散型クラウド", "distributed-cloud"),
    ("海底ケーブル網", "subsea-cable"),
    ("水素サプライチェーン", "hydrogen-supply-chain"),
    ("量子コンピュータ", "quantum-computer"),
    ("自動運転トラック", "autonomous-truck"),
    ("小型原子炉", "small-modular-reactor"),
    ("光電融合チップ", "photonic-chip"),
    ("エッジ推論基盤", "edge-inference"),
    ("ゼロトラスト網", "zero-trust-network"),
    ("デジタル円", "digital-yen"),
    ("衛星インターネット", "satellite-internet"),
    ("地熱発電所", "geothermal-plant"),
    ("スマートグリッド", "smart-grid"),
    ("オープンソースLLM", "open-source-llm"),
    ("GPUクラスター", "gpu-cluster"),
    ("HBMメモリ", "hbm-memory"),
    ("先端パッケージング", "advanced-packaging"),
    ("行政DX基盤", "government-dx"),
]
PLACES = [
    ("北海道", "hokkaido"), ("九州", "kyushu"), ("東京湾岸", "tokyo-bay"),
    ("大阪", "osaka"), ("東北", "tohoku"), ("台湾", "taiwan"), ("シンガポール", "singapore"),
    ("テキサス", "texas"), ("北欧", "nordics"), ("インド", "india"), ("新潟", "niigata"),
    ("熊本", "kumamoto"), ("石狩", "ishikari"), ("沖縄", "okinawa"),
]
ASPECTS = [
    ("電力と冷却", "power-cooling"), ("収益性", "profitability"), ("投資リスク", "investment-risk"),
    ("規制動向", "regulation"), ("技術的課題", "technical-challenges"), ("将来性", "outlook"),
    ("サプライチェーン", "supply-chain"), ("人材確保", "talent"), ("コスト構造", "cost-structure"),
    ("競争環境", "competition"), ("地域経済への影響", "regional-economy"), ("安全性", "safety"),
]
TITLE_TEMPLATES = [
    "{place}に建つ{topic}構想の{aspect}",
    "{topic}は何を変えるのか：{aspect}から考える",
    "{place}で進む{topic}計画と{aspect}",
    "{topic}の{aspect}を読み解く",
    "Why {topic_en} matters: {place}の事例に見る{aspect}",
    "{topic}投資の最前線 — {aspect}に注目",
    "{aspect}で見る{topic}の現在地",
    "{place}発・{topic}の{aspect}レポート",
]
EXCERPT_TEMPLATES = [
    "{place}の{topic}を{aspect}の面から読み解きます。",
    "{topic}について、{aspect}を中心に最新の動きを整理しました。",
    "{aspect}という観点から、{place}で進む{topic}の意味を考えます。",
    "{topic}の{aspect}を、数字と現地の声から確かめます。",
]

# Sentence fragments used to build the per-seed sentence pool.
JA_SUBJECTS = [
    "この計画は", "今回の発表は", "関係者によると、", "市場の見方では、", "多くのアナリストは",
    "現地の自治体は", "事業者側は", "投資家の間では", "専門家の一人は", "業界団体は",
    "最新の資料によれば、", "同社の担当者は", "地元の電力会社は", "海外の競合は",
]
JA_CLAUSES = [
    "電力の安定供給を最優先の課題として挙げており、",
    "冷却コストの削減が収益性を左右すると見ており、",
    "初期投資の回収には数年を要すると試算しており、",
    "再生可能エネルギーの比率を段階的に高める方針で、",
    "需要の伸びが想定を上回る可能性を指摘しており、",
    "人材の確保が最大のボトルネックになると述べており、",
    "規制当局との調整がまだ続いていることを認めており、",
    "サプライチェーンの多様化を急いでいることを明らかにし、",
    "寒冷な気候を活かした外気冷却に期待を寄せており、",
    "送電網の増強が間に合うかどうかを注視しており、",
    "為替の変動が調達コストに影響すると警告しており、",
    "地域の雇用創出にもつながると強調しており、",
]
JA_PREDICATES = [
    "今後の動向が注目される。", "慎重な見方も根強い。", "中長期的には追い風になりそうだ。",
    "数字の裏付けが求められている。", "実現には複数の条件がそろう必要がある。",
    "投資判断の材料になるだろう。", "議論はまだ始まったばかりだ。",
    "年内にも具体的な計画が示される見通しだ。", "課題は少なくない。",
    "一定の成果が見込まれる。", "比較対象としては海外の事例が参考になる。",
    "現時点では楽観できる段階ではない。",
]
JA_STANDALONE = [
    "まずは全体像を整理しておきたい。",
    "ここで重要なのは、単純な規模の比較ではないという点だ。",
    "結論から言えば、鍵を握るのは電力の調達条件である。",
    "一方で、見落とされがちなリスクもある。",
    "数字だけを見ると順調に見えるが、内訳には注意が必要だ。",
    "この点については、次の節で詳しく見ていく。",
    "背景には、世界的な計算需要の急増がある。",
    "読者の中には、既視感を覚える人もいるかもしれない。",
]
EN_SENTENCES = [
    "The headline number looks impressive, but the unit economics tell a more careful story.",
    "Power availability, not land, is now the binding constraint for most new sites.",
    "Operators are signing long-term purchase agreements to lock in renewable supply.",
    "Cooling accounts for a large share of the operating budget in warm climates.",
    "Analysts expect capital spending to stay elevated through the next two fiscal years.",
    "Regulators have asked for clearer disclosure of water and energy usage.",
    "The supply chain for advanced packaging remains concentrated in a few regions.",
    "Latency-sensitive workloads still favour sites close to major population centres.",
    "Several pilots are already running, although none has reached full scale yet.",
    "Investors should watch utilisation rates rather than announced capacity.",
    "In practice, the grid connection queue can take longer than construction itself.",
    "A colder climate cuts cooling costs, yet transmission distance adds its own losses.",
    "The company did not disclose the expected payback period.",
    "Competition for skilled engineers is pushing wages up across the region.",
    "Open standards lower switching costs and make procurement more predictable.",
]
EN_FRAGMENTS = [
    "PUE (Power Usage Effectiveness)", "capex", "opex", "GPU density", "rack power",
    "heat reuse", "grid interconnection", "PPA", "TCO", "edge latency", "liquid cooling",
    "supply risk", "yield", "utilisation", "payback period",
]
HEADINGS_JA = [
    "背景", "計画の概要", "電力供給の課題", "冷却方式の選択", "投資の観点から",
    "地域経済への影響", "競合との比較", "リスク要因", "今後の見通し", "まとめに代えて",
    "技術的なポイント", "数字で見る現状",
]
HEADINGS_EN = [
    "Background", "Key numbers", "What changes", "Risks to watch", "Outlook",
    "Power and cooling", "Supply chain", "The investment case",
]
LIST_NAMES = [
    "電力コスト", "冷却効率", "立地条件", "規制対応", "人材", "資金調達", "Latency",
    "Scalability", "Resilience", "送電網", "水資源", "地元合意", "Security", "Time to market",
]


def build_sentence_pool(rng, size=3000):
    pool = []
    for _ in range(size):
        r = rng.random()
        if r < 0.55:
            s = rng.choice(JA_SUBJECTS) + rng.choice(JA_CLAUSES) + rng.choice(JA_PREDICATES)
            if rng.random() < 0.3:
                s = s[:-1] + "（" + rng.choice(EN_FRAGMENTS) + "）。"
        elif r < 0.7:
            s = rng.choice(JA_STANDALONE)
        elif r < 0.92:
            s = rng.choice(EN_SENTENCES) + " "
        else:
            s = "{T}の" + rng.choice(EN_FRAGMENTS) + "は、" + rng.choice(JA_PREDICATES)
        if rng.random() < 0.06:
            s = s + " 詳しくは `" + rng.choice(EN_FRAGMENTS).split(" ")[0].lower() + "` の項を参照。"
        if rng.random() < 0.04:
            s = s + " [関連資料](https://example.com/notes/" + str(rng.randrange(1000, 9999)) + ")"
        pool.append(s)
    return pool


# --------------------------------------------------------------------------
# Post generation
# --------------------------------------------------------------------------

def pick_tags(rng):
    n = rng.choice((3, 4, 4, 4, 5, 5, 6))
    chosen = []
    while len(chosen) < n:
        i = bisect.bisect_left(_TAG_CUM, rng.random() * _TAG_TOTAL)
        if i >= len(TAGS):
            i = len(TAGS) - 1
        t = TAGS[i]
        if t not in chosen:
            chosen.append(t)
    return chosen


def quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def flow_list(items):
    return "[" + ", ".join(quote(x) for x in items) + "]"


def paragraph(rng, pool, lo, hi):
    return "".join(rng.choices(pool, k=rng.randint(lo, hi)))


def make_body(rng, pool, topic, target):
    parts = [paragraph(rng, pool, 3, 5)]
    size = len(parts[0].encode("utf-8"))
    while size < target:
        kind = rng.random()
        if kind < 0.45:
            h = "### " + (rng.choice(HEADINGS_JA) if rng.random() < 0.7 else rng.choice(HEADINGS_EN))
        else:
            h = "**" + rng.choice(HEADINGS_JA) + "**"
        block = [h, paragraph(rng, pool, 2, 5)]
        r = rng.random()
        if r < 0.35:
            names = rng.sample(LIST_NAMES, rng.randint(3, 5))
            items = []
            for k, name in enumerate(names, 1):
                items.append("%d.  **%s**: %s" % (k, name, rng.choice(pool)))
            block.append("\n".join(items))
            block.append(paragraph(rng, pool, 1, 3))
        elif r < 0.5:
            items = ["*   " + rng.choice(pool) for _ in range(rng.randint(2, 4))]
            block.append("\n".join(items))
        text = "\n\n".join(block)
        parts.append(text)
        size += len(text.encode("utf-8")) + 2
    parts.append(paragraph(rng, pool, 1, 2))
    body = "\n\n".join(parts).replace("{T}", topic)
    return body


def generate(posts, seed, out):
    rng = random.Random(seed)
    pool = build_sentence_pool(rng)
    posts_dir = os.path.join(out, "posts")
    cfg_dir = os.path.join(out, "feeds-config")
    if os.path.isdir(posts_dir):
        shutil.rmtree(posts_dir)
    os.makedirs(posts_dir)
    os.makedirs(cfg_dir, exist_ok=True)

    # Newest post is at END; older posts step back by 7..180 minutes each.
    end = dt.datetime(2025, 9, 30, 22, 0, 0)
    stamps = []
    t = end
    for _ in range(posts):
        stamps.append(t)
        t = t - dt.timedelta(seconds=rng.randint(7 * 60, 180 * 60))
    stamps.reverse()  # oldest first; index 0 oldest

    used_slugs = {}
    for i in range(posts):
        topic, topic_en = rng.choice(TOPICS)
        place, place_en = rng.choice(PLACES)
        aspect, aspect_en = rng.choice(ASPECTS)
        title = rng.choice(TITLE_TEMPLATES).format(
            place=place, topic=topic, aspect=aspect, topic_en=topic_en.replace("-", " "))
        if rng.random() < 0.15:
            cut = rng.randint(1, 3)
            title = title[:max(4, len(title) - cut)] + "\ufffd"
        style = rng.random()
        if style < 0.4:
            slug = place_en + "-" + topic_en
        elif style < 0.75:
            slug = topic_en + "-" + aspect_en
        else:
            slug = place_en + "-" + topic_en + "-" + aspect_en
        n = used_slugs.get(slug, 0) + 1
        used_slugs[slug] = n
        if n > 1:
            slug = "%s-%d" % (slug, n)
        cats = [CATEGORIES[rng.choices(range(12), weights=CATEGORY_WEIGHTS)[0]]]
        if rng.random() < 0.1:
            c2 = rng.choice(CATEGORIES)
            if c2 not in cats:
                cats.append(c2)
        tags = pick_tags(rng)
        author = rng.choice(AUTHORS)
        excerpt = rng.choice(EXCERPT_TEMPLATES).format(place=place, topic=topic, aspect=aspect)
        target = rng.randint(5500, 8500)
        body = make_body(rng, pool, topic, target)
        reading = max(1, round(len(body) / 500))
        when = stamps[i]
        head = (
            "---\n"
            "layout: post\n"
            "title: " + quote(title) + "\n"
            "date: " + when.strftime("%Y-%m-%d %H:%M:%S") + " +0000\n"
            "categories: " + flow_list(cats) + "\n"
            "tags: " + flow_list(tags) + "\n"
            "author: " + quote(author) + "\n"
            "excerpt: " + quote(excerpt) + "\n"
            "reading_time: " + str(reading) + "\n"
            "---\n"
        )
        text = head + body + "\n\n---END---\n"
        name = when.strftime("%Y-%m-%d") + "-" + slug + ".md"
        with open(os.path.join(posts_dir, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)

    site = (
        "# Generated by bench/gen_corpus.py (posts=%d seed=%d v%s)\n"
        "title: \"Feedwright ベンチマーク・ブログ\"\n"
        "description: \"A synthetic corpus of %d posts for benchmarking feed generation\"\n"
        "base_url: \"https://blog.example.com\"\n"
        "language: \"ja\"\n"
        "author: \"編集部\"\n"
        "timezone: \"UTC\"\n"
        "limit: 20\n"
        "content: full\n"
        "permalink: \"/:year/:month/:day/:slug/\"\n"
        "end_marker: \"---END---\"\n"
        "future: false\n"
        "server:\n"
        "  host: \"127.0.0.1\"\n"
        "  port: 8080\n"
        "  max_age: 300\n"
    ) % (posts, seed, GENERATOR_VERSION, posts)
    with open(os.path.join(cfg_dir, "site.yml"), "w", encoding="utf-8", newline="\n") as f:
        f.write(site)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--posts", type=int, required=True)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", required=True)
    a = ap.parse_args(argv)
    if a.posts < 1:
        ap.error("--posts must be >= 1")
    generate(a.posts, a.seed, a.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
