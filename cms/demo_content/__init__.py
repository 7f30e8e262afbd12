"""Seed help articles: short, useful, in Japanese, easy Japanese (やさしい日本語) and English.

Each article is (slug, topic slug, level, phones, {language: content}); content is
(title, summary, body), and body a list of (block type, value) where steps are a
list of sentences. Easy Japanese is written with spaces between phrases
(分かち書き), です/ます, and hiragana for hard words; the reader turns furigana on.
"""

ASK = ("ask_for_help", None)

ARTICLES = [
    (
        "text-size",
        "basics",
        "basic",
        ("iphone", "android", "easy"),
        {
            "ja": (
                "スマホの文字を大きくする",
                "画面の文字を大きくして、読みやすくする方法です。",
                [
                    ("heading", "iPhoneの場合"),
                    (
                        "steps",
                        [
                            "「設定」を押します。",
                            "「画面表示と明るさ」を押します。",
                            "「テキストサイズを変更」を押します。",
                            "下の棒を右に動かすと、文字が大きくなります。",
                        ],
                    ),
                    ("heading", "Androidの場合"),
                    (
                        "steps",
                        [
                            "「設定」を押します。",
                            "「ディスプレイ」を押します。機種によっては「画面設定」です。",
                            "「フォントサイズと表示サイズ」を押します。",
                            "「フォントサイズ」の棒を右に動かします。",
                        ],
                    ),
                    (
                        "tip",
                        "らくらくスマートフォンは、はじめから文字が大きめです。「設定」の「文字の大きさ」で、さらに大きくできます。",
                    ),
                    ASK,
                ],
            ),
            "ja-x-easy": (
                "スマホの 字を 大きく する",
                "スマホの 字を 大きく します。読みやすく なります。",
                [
                    ("heading", "iPhone の とき"),
                    (
                        "steps",
                        [
                            "「設定」を おします。",
                            "「画面表示と明るさ」を おします。",
                            "「テキストサイズを変更」を おします。",
                            "下の ぼうを 右に うごかします。字が 大きく なります。",
                        ],
                    ),
                    ("heading", "Android の とき"),
                    (
                        "steps",
                        [
                            "「設定」を おします。",
                            "「ディスプレイ」を おします。",
                            "「フォントサイズと表示サイズ」を おします。",
                            "「フォントサイズ」の ぼうを 右に うごかします。",
                        ],
                    ),
                    ("tip", "わからない ときは、教室で いっしょに やりましょう。"),
                    ASK,
                ],
            ),
            "en": (
                "Make the text on your phone bigger",
                "How to make the words on the screen larger and easier to read.",
                [
                    ("heading", "On an iPhone"),
                    (
                        "steps",
                        [
                            "Tap “Settings”.",
                            "Tap “Display & Brightness”.",
                            "Tap “Text Size”.",
                            "Drag the slider to the right. The text gets bigger.",
                        ],
                    ),
                    ("heading", "On an Android phone"),
                    (
                        "steps",
                        [
                            "Tap “Settings”.",
                            "Tap “Display” (on some phones, “Screen”).",
                            "Tap “Font size and style” or “Display size and text”.",
                            "Drag the “Font size” slider to the right.",
                        ],
                    ),
                    (
                        "tip",
                        "Easy phones (らくらくスマートフォン) start with large text. You can make it even larger in Settings, under “Text size”.",
                    ),
                    ASK,
                ],
            ),
        },
    ),
    (
        "phone-scams",
        "scams",
        "applied",
        ("iphone", "android", "easy"),
        {
            "ja": (
                "電話やSMSのサギに気をつける",
                "市役所や銀行、宅配便を名乗るサギの見分け方と、受け取ったときにすることです。",
                [
                    (
                        "warning",
                        (
                            "「お金が戻ります」はサギです",
                            "市役所や税務署が、電話でATMに行くように言うことはありません。「還付金があります」と言われたら、すぐに電話を切ってください。",
                        ),
                    ),
                    ("heading", "こんな電話やメッセージに注意"),
                    (
                        "paragraph",
                        "<ul><li>「荷物をお届けできませんでした」とリンクがついたSMS</li><li>「料金が未払いです。今日中に連絡してください」という電話やSMS</li><li>「当選しました」「ポイントが失効します」というメッセージ</li></ul>",
                    ),
                    ("heading", "受け取ったときは"),
                    (
                        "steps",
                        [
                            "リンクは押さないでください。",
                            "書かれている電話番号に、かけないでください。",
                            "家族や、消費者ホットライン「188」に相談してください。",
                            "心配なメッセージは、消してかまいません。",
                        ],
                    ),
                    (
                        "tip",
                        "家の電話は、いつも留守番電話にしておくと安心です。相手を確かめてから出られます。",
                    ),
                    ASK,
                ],
            ),
            "ja-x-easy": (
                "電話や SMS の サギに 気を つけましょう",
                "サギの 電話や メッセージが あります。気を つけましょう。",
                [
                    (
                        "warning",
                        (
                            "「お金が もどります」は サギです",
                            "市役所は 電話で「ATMに 行って ください」と 言いません。すぐに 電話を 切って ください。",
                        ),
                    ),
                    ("heading", "こんな メッセージに 気を つけましょう"),
                    (
                        "paragraph",
                        "<ul><li>「にもつが とどきません」と リンクが ある SMS</li><li>「お金を はらって いません。今日 電話して ください」と いう 電話</li><li>「あたりました」と いう メッセージ</li></ul>",
                    ),
                    ("heading", "メッセージが 来たら"),
                    (
                        "steps",
                        [
                            "リンクを おさないで ください。",
                            "書いて ある 番号に 電話しないで ください。",
                            "家族に 話して ください。「188」に 電話しても いいです。",
                            "メッセージは 消しても いいです。",
                        ],
                    ),
                    ("tip", "家の 電話は「るすばん電話」に すると あんしんです。"),
                    ASK,
                ],
            ),
            "en": (
                "Watch out for scam calls and text messages",
                "How to spot scams that pretend to be the city office, a bank or a delivery company, and what to do.",
                [
                    (
                        "warning",
                        (
                            "“You will get money back” is a scam",
                            "The city office and the tax office never ask you by phone to go to an ATM. If someone says you have a refund, hang up at once.",
                        ),
                    ),
                    ("heading", "Be careful with"),
                    (
                        "paragraph",
                        "<ul><li>A text saying “We could not deliver your parcel” with a link</li><li>Calls or texts saying “You have an unpaid bill; contact us today”</li><li>Messages saying you have won a prize or your points will expire</li></ul>",
                    ),
                    ("heading", "If you receive one"),
                    (
                        "steps",
                        [
                            "Do not tap the link.",
                            "Do not call the number in the message.",
                            "Talk to your family, or call the consumer hotline 188.",
                            "You can delete the message.",
                        ],
                    ),
                    (
                        "tip",
                        "Keep your home phone on the answering machine: you can check who is calling before you pick up.",
                    ),
                    ASK,
                ],
            ),
        },
    ),
    (
        "mynumber-card-online",
        "mynumber-apply",
        "applied",
        ("iphone", "android"),
        {
            "ja": (
                "スマホでマイナンバーカードを申請する",
                "交付申請書のQRコードを読み取って、スマホから申請する方法です。",
                [
                    (
                        "paragraph",
                        "<p>用意するもの</p><ul><li>交付申請書（QRコードが印刷された紙）</li><li>メールアドレス</li><li>顔写真（スマホで撮れます）</li></ul>",
                    ),
                    (
                        "steps",
                        [
                            "交付申請書のQRコードを、スマホのカメラで読み取ります。",
                            "開いたページで、メールアドレスを登録します。",
                            "届いたメールのリンクを押して、申請のページを開きます。",
                            "顔写真を撮って登録します。明るい場所で、正面から撮りましょう。",
                            "生年月日などを入力して、「送信」を押します。",
                        ],
                    ),
                    (
                        "tip",
                        "カードができると、市から「交付通知書」がはがきで届きます。受け取りの日時を予約してから、窓口に行きます。",
                    ),
                    (
                        "warning",
                        (
                            "お金は要りません",
                            "マイナンバーカードの申請に、お金はかかりません。お金を求める電話やメールはサギです。",
                        ),
                    ),
                    ASK,
                ],
            ),
            "ja-x-easy": (
                "スマホで マイナンバーカードを もうしこむ",
                "スマホで マイナンバーカードを もうしこみます。",
                [
                    (
                        "paragraph",
                        "<p>つかう もの</p><ul><li>市から 来た 紙（QRコードが あります）</li><li>メールアドレス</li><li>顔の 写真（スマホで とれます）</li></ul>",
                    ),
                    (
                        "steps",
                        [
                            "紙の QRコードを、スマホの カメラで 読みます。",
                            "メールアドレスを 書きます。",
                            "メールが 来ます。メールの リンクを おします。",
                            "顔の 写真を とります。明るい ところで、前から とります。",
                            "生まれた 日などを 書きます。「送信」を おします。",
                        ],
                    ),
                    (
                        "tip",
                        "カードが できると、市から はがきが 来ます。よやくを してから、市役所に 行きます。",
                    ),
                    (
                        "warning",
                        (
                            "お金は いりません",
                            "カードを もうしこむ とき、お金は いりません。「お金を はらって ください」と 言う 電話は サギです。",
                        ),
                    ),
                    ASK,
                ],
            ),
        },
    ),
    (
        "line-send-photo",
        "line",
        "basic",
        ("iphone", "android", "easy"),
        {
            "ja": (
                "LINEで家族に写真を送る",
                "LINEのトークで、写真を送る方法です。",
                [
                    (
                        "steps",
                        [
                            "LINEを開いて、下の「トーク」を押します。",
                            "写真を送りたい相手を押します。",
                            "入力欄の左にある、写真のマーク（山の絵）を押します。",
                            "送りたい写真を押して選びます。いくつも選べます。",
                            "右下の紙飛行機のマークを押すと、送られます。",
                        ],
                    ),
                    (
                        "tip",
                        "間違えて送ったときは、写真を長く押して「送信取消」を押します。送ってから24時間以内なら取り消せます。",
                    ),
                    ASK,
                ],
            ),
            "ja-x-easy": (
                "LINE で 家族に 写真を おくる",
                "LINE で 写真を おくります。",
                [
                    (
                        "steps",
                        [
                            "LINE を ひらきます。下の「トーク」を おします。",
                            "写真を おくりたい 人を おします。",
                            "山の 絵の マークを おします。",
                            "おくりたい 写真を おします。たくさん えらべます。",
                            "紙ひこうきの マークを おします。写真が おくられます。",
                        ],
                    ),
                    ("tip", "まちがえた ときは、写真を 長く おします。「送信取消」を おします。"),
                    ASK,
                ],
            ),
            "en": (
                "Send a photo to your family on LINE",
                "How to send photos in a LINE chat.",
                [
                    (
                        "steps",
                        [
                            "Open LINE and tap “Chats” at the bottom.",
                            "Tap the person you want to send the photo to.",
                            "Tap the picture icon (a mountain) next to the text box.",
                            "Tap the photos you want to send. You can choose several.",
                            "Tap the paper-plane icon at the bottom right to send.",
                        ],
                    ),
                    (
                        "tip",
                        "Sent the wrong photo? Press and hold it, then tap “Unsend”. This works for 24 hours.",
                    ),
                    ASK,
                ],
            ),
        },
    ),
    (
        "map-find-bus",
        "maps",
        "basic",
        ("iphone", "android"),
        {
            "ja": (
                "地図アプリでバスをさがす",
                "Googleマップで、行き先までのバスと時間を調べる方法です。",
                [
                    (
                        "steps",
                        [
                            "「Googleマップ」を開きます。",
                            "上の検索の欄に、行き先を入力します。例：相模原市役所",
                            "「経路」を押します。",
                            "上に並んだマークから、電車のマーク（公共交通機関）を押します。",
                            "乗るバスと時間、乗り場が出ます。押すと、くわしく見られます。",
                        ],
                    ),
                    (
                        "tip",
                        "「出発時刻」を押すと、明日の時間も調べられます。帰りのバスも、先に調べておくと安心です。",
                    ),
                    ASK,
                ],
            ),
            "ja-x-easy": (
                "地図の アプリで バスを さがす",
                "スマホの 地図で、バスの 時間を しらべます。",
                [
                    (
                        "steps",
                        [
                            "「Googleマップ」を ひらきます。",
                            "上に 行きたい 場所を 書きます。",
                            "「経路」を おします。",
                            "電車の マークを おします。",
                            "バスの 時間と のる 場所が 出ます。",
                        ],
                    ),
                    ("tip", "かえりの バスも 先に しらべると あんしんです。"),
                    ASK,
                ],
            ),
        },
    ),
    (
        "pay-with-phone",
        "cashless",
        "applied",
        ("iphone", "android"),
        {
            "ja": (
                "お店でスマホで支払う（コード決済）",
                "PayPayなどのコード決済で、お店で支払う方法です。",
                [
                    (
                        "steps",
                        [
                            "支払いに使うアプリを開きます。",
                            "お店の人に「PayPayで」のように、使うアプリを伝えます。",
                            "画面のバーコードを、お店の人に見せます。",
                            "音が鳴って、画面に金額が出たら終わりです。金額をお店の人と確かめます。",
                        ],
                    ),
                    (
                        "paragraph",
                        "<p>お店のQRコードを読み取るお店では、アプリの「スキャン」を押して読み取り、金額を入力してから、お店の人に画面を見せます。</p>",
                    ),
                    (
                        "warning",
                        (
                            "暗証番号は教えないで",
                            "アプリの暗証番号やパスワードは、家族にも、お店の人にも教えないでください。",
                        ),
                    ),
                    ("tip", "チャージ（入金）は、使う分だけにすると安心です。"),
                    ASK,
                ],
            ),
            "ja-x-easy": (
                "お店で スマホで はらう",
                "スマホで お金を はらう 方法です。",
                [
                    (
                        "steps",
                        [
                            "お金を はらう アプリを ひらきます。",
                            "お店の 人に「PayPay で」と 言います。",
                            "画面の バーコードを お店の 人に 見せます。",
                            "音が なります。お金の 数字を いっしょに 見ます。",
                        ],
                    ),
                    (
                        "warning",
                        (
                            "ばんごうは ひみつです",
                            "アプリの ばんごうや パスワードは、だれにも 教えないで ください。",
                        ),
                    ),
                    ("tip", "スマホに 入れる お金は、つかう 分だけに しましょう。"),
                    ASK,
                ],
            ),
        },
    ),
    (
        "health-insurance-card",
        "mynaportal",
        "applied",
        ("iphone", "android", "easy"),
        {
            "ja": (
                "マイナンバーカードを保険証として使う",
                "病院や薬局の受付で、マイナンバーカードを保険証として使う方法です。",
                [
                    (
                        "paragraph",
                        "<p>はじめに、保険証として使う登録が必要です。登録は、マイナポータルのアプリか、病院の受付にある機械でできます。</p>",
                    ),
                    ("heading", "病院の受付で"),
                    (
                        "steps",
                        [
                            "受付の機械に、マイナンバーカードを置きます。",
                            "顔を画面に向けるか、4けたの暗証番号を入力します。",
                            "画面の質問に答えます。前に出された薬の情報を、医師に見せるかどうかなどです。",
                            "「受付が完了しました」と出たら、カードを取ります。",
                        ],
                    ),
                    (
                        "tip",
                        "4けたの暗証番号を3回続けて間違えると、使えなくなります。市役所の窓口で、元に戻せます。",
                    ),
                    ASK,
                ],
            ),
            "ja-x-easy": (
                "マイナンバーカードを 保険証に する",
                "病院で マイナンバーカードを 保険証に して つかいます。",
                [
                    (
                        "paragraph",
                        "<p>はじめに とうろくを します。病院の 受付の きかいで できます。</p>",
                    ),
                    ("heading", "病院の 受付で"),
                    (
                        "steps",
                        [
                            "きかいに カードを おきます。",
                            "顔を 画面に むけます。4つの 数字の ばんごうでも いいです。",
                            "画面の しつもんに こたえます。",
                            "「受付が完了しました」と 出ます。カードを とります。",
                        ],
                    ),
                    ("tip", "ばんごうを 3回 まちがえると、つかえません。市役所で なおせます。"),
                    ASK,
                ],
            ),
        },
    ),
    (
        "take-photo",
        "calls-camera",
        "basic",
        ("iphone", "android", "easy"),
        {
            "ja": (
                "写真を撮って、あとで見る",
                "カメラで写真を撮って、「写真」のアプリで見る方法です。",
                [
                    (
                        "steps",
                        [
                            "「カメラ」のアプリを開きます。",
                            "撮りたいものに、スマホを向けます。",
                            "画面の下の、白くて丸いボタンを押します。",
                            "左下の小さな四角を押すと、撮った写真が見られます。",
                        ],
                    ),
                    ("tip", "写真が暗いときは、画面の明るくしたい所を押してみてください。"),
                    ASK,
                ],
            ),
            "ja-x-easy": (
                "写真を とって、見る",
                "カメラで 写真を とります。あとで 見ます。",
                [
                    (
                        "steps",
                        [
                            "「カメラ」を ひらきます。",
                            "とりたい ものに スマホを むけます。",
                            "下の 白い 丸を おします。",
                            "左下の 小さい 四角を おします。写真が 見られます。",
                        ],
                    ),
                    ("tip", "くらい ときは、画面を おして みましょう。"),
                    ASK,
                ],
            ),
        },
    ),
]

INDEX = {
    "ja": (
        "使い方の説明",
        "スマホの使い方を、順番に説明します。教室のあとに、家で読んでください。",
    ),
    "ja-x-easy": ("つかいかたの せつめい", "スマホの つかいかたを せつめいします。"),
    "en": (
        "Help guides",
        "Step-by-step guides to using your smartphone, to read at home after a class.",
    ),
}
HOME_EASY = {
    "title": "スマホ教室と そうだん",
    "lead": "スマホの つかいかたを 教えます。お金は いりません。",
    "phone_note": "電話でも もうしこめます。",
}
ASK_TEXT = {
    "ja": "わからないときは、電話で聞いてください。教室でも教えます。",
    "ja-x-easy": "わからない ときは、電話して ください。教室でも 教えます。",
    "en": "If you get stuck, call us. Our classes teach this too.",
}
