"""The words of the staff-course demo: departments, names, skill areas, courses and quizzes.

Real-sounding for a Japanese city (施策3-3 of the ICT strategy names the six
skill areas), and data only: training/demo.py decides who takes what.
"""

# code, name. The first four are core's demo departments.
DEPARTMENTS = [
    ("dx", "DX推進課"),
    ("welfare", "高齢者支援課"),
    ("citizens", "市民課"),
    ("tax", "市民税課"),
    ("personnel", "職員課"),
    ("finance", "財政課"),
    ("planning", "企画政策課"),
    ("crisis", "危機管理課"),
    ("children", "こども家庭課"),
    ("health", "地域保健課"),
    ("care", "介護保険課"),
    ("disability", "障害政策課"),
    ("environment", "環境政策課"),
    ("waste", "資源循環推進課"),
    ("roads", "道路計画課"),
    ("urban", "都市計画課"),
    ("education", "教育総務課"),
    ("schools", "学校教育課"),
    ("midori", "緑区地域振興課"),
    ("fire", "消防総務課"),
]
# How many of the demo staff each department has, roughly (a city hall's counters are larger).
DEPARTMENT_WEIGHTS = [8, 22, 26, 20, 10, 8, 9, 10, 20, 16, 18, 12, 9, 14, 15, 12, 10, 18, 14, 15]

FAMILY_NAMES = [
    ("佐藤", "さとう"), ("鈴木", "すずき"), ("高橋", "たかはし"), ("田中", "たなか"),
    ("伊藤", "いとう"), ("渡辺", "わたなべ"), ("山本", "やまもと"), ("中村", "なかむら"),
    ("小林", "こばやし"), ("加藤", "かとう"), ("吉田", "よしだ"), ("山田", "やまだ"),
    ("佐々木", "ささき"), ("山口", "やまぐち"), ("松本", "まつもと"), ("井上", "いのうえ"),
    ("木村", "きむら"), ("林", "はやし"), ("斎藤", "さいとう"), ("清水", "しみず"),
    ("山崎", "やまざき"), ("森", "もり"), ("池田", "いけだ"), ("橋本", "はしもと"),
    ("阿部", "あべ"), ("石川", "いしかわ"), ("小川", "おがわ"), ("相模", "さがみ"),
]  # fmt: skip
GIVEN_NAMES = [
    ("翔", "しょう"), ("陽菜", "ひな"), ("大輔", "だいすけ"), ("美咲", "みさき"),
    ("健太", "けんた"), ("真由美", "まゆみ"), ("拓也", "たくや"), ("彩", "あや"),
    ("直樹", "なおき"), ("恵", "めぐみ"), ("浩", "ひろし"), ("千尋", "ちひろ"),
    ("亮", "りょう"), ("裕子", "ゆうこ"), ("誠", "まこと"), ("沙織", "さおり"),
    ("隆", "たかし"), ("智子", "ともこ"), ("悠斗", "ゆうと"), ("葵", "あおい"),
    ("修", "おさむ"), ("香織", "かおり"), ("蓮", "れん"), ("明美", "あけみ"),
]  # fmt: skip

# code, name, name_en, sort order
SKILL_AREAS = [
    ("security", "情報セキュリティ", "Information security", 10),
    ("genai", "生成AI", "Generative AI", 20),
    ("rpa", "RPA・業務自動化", "RPA and automation", 30),
    ("data", "データ活用", "Data use", 40),
    ("office", "オフィスツール", "Office tools", 50),
    ("bpr", "業務改革（BPR）", "Business-process redesign", 60),
]

# code, title, title_en, area, level, format, minutes, requires quiz, qualifies trainers, description
COURSES = [
    ("sec-basic", "情報セキュリティ基礎", "Information security basics", "security",
     "basic", "self_study", 60, True, False,
     "パスワード、標的型メール、持ち出し禁止の情報など、全職員が毎年確かめる基本です。"),
    ("sec-incident", "標的型メール訓練とインシデント対応", "Phishing drill and incident response",
     "security", "applied", "in_person", 90, False, False,
     "実際の訓練メールを使い、気づいたときの報告と初動を練習します。"),
    ("genai-basic", "生成AIの使い方と市のガイドライン", "Generative AI and the city's guidelines",
     "genai", "basic", "online", 90, True, False,
     "市の生成AI利用ガイドライン（入力してよい情報、確認の仕方）と基本の使い方。"),
    ("genai-prompt", "生成AIで文書をつくる実践", "Drafting documents with generative AI",
     "genai", "practical", "in_person", 120, False, False,
     "通知文や議事録の下書きを生成AIで作り、事実確認して仕上げる演習です。"),
    ("rpa-intro", "RPA入門", "Introduction to RPA", "rpa", "basic", "in_person", 120, False, False,
     "繰り返しの入力作業を自動化する考え方と、簡単なシナリオづくり。"),
    ("rpa-build", "RPAシナリオ作成演習", "Building RPA scenarios", "rpa", "practical",
     "in_person", 180, False, False, "自分の課の業務で動くシナリオを作り、運用の決まりを学びます。"),
    ("data-basic", "データ活用の基礎（EBPM）", "Data use basics (evidence-based policy)", "data",
     "basic", "online", 90, False, False, "統計の読み方と、根拠に基づく政策立案の進め方。"),
    ("data-excel", "表計算での集計とグラフ", "Tallies and charts in spreadsheets", "data",
     "applied", "in_person", 120, False, False, "ピボットテーブル、見やすいグラフ、オープンデータの形式。"),
    ("office-basic", "クラウドでのファイル共有の基本", "Sharing files in the cloud", "office",
     "basic", "self_study", 45, True, False, "共有の範囲、版の管理、個人情報を含むファイルの扱い。"),
    ("office-meeting", "Web会議とチャットの使い方", "Web meetings and chat", "office", "basic",
     "online", 60, False, False, "庁内チャットとWeb会議の基本操作とマナー。"),
    ("orientation", "新規採用職員ICT研修", "ICT orientation for new staff", "office", "basic",
     "in_person", 180, True, False, "端末の使い方、庁内システム、情報セキュリティの約束ごと。"),
    ("bpr-basic", "業務改革（BPR）の進め方", "Redesigning how the work is done", "bpr",
     "applied", "in_person", 180, False, False, "業務の流れを書き出し、窓口と手続きのむだを減らす方法。"),
    ("trainer", "デジタル推進委員 養成研修", "Training for digital promotion volunteers",
     "bpr", "practical", "in_person", 240, False, True,
     "スマホ教室で高齢の方を手助けする講師・補助者のための研修（市民ボランティアも受講）。"),
]  # fmt: skip

# course code: [(question, question_en, [(choice, choice_en, is_correct), ...]), ...]
QUIZZES = {
    "sec-basic": [
        ("不審なメールの添付ファイルを開いてしまったら、まず何をしますか。",
         "You opened an attachment of a suspicious email. What do you do first?",
         [("LANケーブルを抜き、情報セキュリティ担当に連絡する", "Unplug the network and call the security desk", True),
          ("パソコンを再起動して様子を見る", "Restart the computer and wait", False),
          ("メールを削除して忘れる", "Delete the email and forget it", False)]),
        ("パスワードの扱いで正しいものはどれですか。", "Which is right about passwords?",
         [("他のサービスと同じものを使う", "Reuse the one from another service", False),
          ("付箋に書いて画面に貼る", "Stick it on the screen", False),
          ("長く推測されにくいものを、システムごとに変える", "Long, hard to guess, one per system", True)]),
        ("住民の個人情報を含むファイルを外部に送るときは。",
         "Sending a file with residents' personal data outside the city:",
         [("所属長の承認を得て、決められた方法で送る", "With the manager's approval, by the approved means", True),
          ("個人のメールアドレスから送る", "From a personal email address", False)]),
    ],
    "genai-basic": [
        ("生成AIに入力してはいけない情報はどれですか。", "What must never be typed into generative AI?",
         [("公開済みの市の広報文", "The city's published press text", False),
          ("住民の氏名や相談内容", "Residents' names or what they asked about", True)]),
        ("生成AIが作った文章を使う前に必ずすることは。",
         "What must you always do before using text written by generative AI?",
         [("事実と数字を原典で確かめる", "Check facts and figures against the source", True),
          ("そのまま決裁に回す", "Send it for approval as it is", False),
          ("文字数を数える", "Count the characters", False)]),
    ],
    "office-basic": [
        ("共有フォルダの権限は、どう設定しますか。", "How do you set a shared folder's access?",
         [("必要な人だけに、必要な範囲で", "Only the people who need it, only as far as needed", True),
          ("全職員が見られるようにする", "Open to every member of staff", False)]),
        ("同じファイルを複数人で直すときは。", "Several people edit one file:",
         [("それぞれコピーを作ってメールで送り合う", "Each makes a copy and emails it around", False),
          ("共有の1つのファイルを、版の履歴を残して直す", "One shared file, keeping its version history", True)]),
    ],
    "orientation": [
        ("席を離れるとき、端末はどうしますか。", "When you leave your desk, your computer:",
         [("画面をロックする", "Lock the screen", True),
          ("そのままにする", "Leave it as it is", False)]),
    ],
}  # fmt: skip
