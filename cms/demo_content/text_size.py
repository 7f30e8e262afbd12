"""スマホの文字を大きくする: the text size on an iPhone, an Android phone and an easy phone."""

from cms.demo_content.base import ASK, Article

SETTINGS = "settings-icon"
SLIDER = "text-size-slider"

# fmt: off
# One block or step a line, so the versions compare line by line.
ARTICLE = Article(
    slug="text-size",
    topic="basics",
    level="basic",
    phones=("iphone", "android", "easy"),
    versions={
        "ja": (
            "スマホの文字を大きくする",
            "画面の文字を大きくして、読みやすくする方法です。",
            [
                ("paragraph", "ボタンやメニューの名前は「」で囲んでいます。機種によって、名前や場所が少し違うことがあります。"),
                ("heading", "iPhoneの場合"),
                ("steps", [
                    ("「設定」を押します。", SETTINGS, "ホーム画面。灰色の歯車の形をした「設定」のアイコンが、赤い丸で囲まれています。"),
                    ("「画面表示と明るさ」を押します。", "iphone-display-menu", "「設定」の一覧。「画面表示と明るさ」が赤い枠で囲まれています。"),
                    "「テキストサイズを変更」を押します。",
                    ("下の棒を右に動かすと、文字が大きくなります。", SLIDER, "左右に動かせる棒。丸いつまみを右に動かすと、文字が大きくなります。"),
                ]),
                ("heading", "Androidの場合"),
                ("steps", [
                    ("「設定」を押します。", SETTINGS, "ホーム画面。灰色の歯車の形をした「設定」のアイコンが、赤い丸で囲まれています。"),
                    ("「ディスプレイ」を押します。機種によっては「画面設定」です。", "android-display-menu", "「設定」の一覧。「ディスプレイ」が赤い枠で囲まれています。"),
                    "「フォントサイズと表示サイズ」を押します。",
                    ("「フォントサイズ」の棒を右に動かします。", SLIDER, "左右に動かせる棒。丸いつまみを右に動かすと、文字が大きくなります。"),
                ]),
                ("tip", "らくらくスマートフォンは、はじめから文字が大きめです。「設定」の「文字の大きさ」で、さらに大きくできます。"),
                ASK,
            ],
        ),
        "ja-x-easy": (
            "スマホの 字を 大きく する",
            "スマホの 字を 大きく します。読みやすく なります。",
            [
                ("paragraph", "ボタンの 名前は「 」の 中に 書いて います。スマホに よって、名前や 場所が 少し ちがう ことが あります。"),
                ("heading", "iPhone の とき"),
                ("steps", [
                    ("「設定」を おします。", SETTINGS, "ホームの 画面です。はぐるまの 形の「設定」が、赤い 丸で かこんで あります。"),
                    ("「画面表示と明るさ」を おします。", "iphone-display-menu", "「設定」の 中です。「画面表示と明るさ」が、赤い 四角で かこんで あります。"),
                    "「テキストサイズを変更」を おします。",
                    ("下の ぼうを 右に うごかします。字が 大きく なります。", SLIDER, "よこに うごく ぼうです。丸い ところを 右に うごかすと、字が 大きく なります。"),
                ]),
                ("heading", "Android の とき"),
                ("steps", [
                    ("「設定」を おします。", SETTINGS, "ホームの 画面です。はぐるまの 形の「設定」が、赤い 丸で かこんで あります。"),
                    ("「ディスプレイ」を おします。「画面設定」と いう スマホも あります。", "android-display-menu", "「設定」の 中です。「ディスプレイ」が、赤い 四角で かこんで あります。"),
                    "「フォントサイズと表示サイズ」を おします。",
                    ("「フォントサイズ」の ぼうを 右に うごかします。", SLIDER, "よこに うごく ぼうです。丸い ところを 右に うごかすと、字が 大きく なります。"),
                ]),
                ("tip", "らくらくスマートフォンは、はじめから 字が 大きいです。「設定」の「文字の大きさ」で、もっと 大きく できます。わからない ときは、教室で いっしょに やりましょう。"),
                ASK,
            ],
        ),
        "en": (
            "Make the text on your phone bigger",
            "How to make the words on the screen larger and easier to read.",
            [
                ("paragraph", "Buttons and menus are named in 「」 as a phone set to Japanese shows them, with the English name in brackets. On some phones the names and places differ a little."),
                ("heading", "On an iPhone"),
                ("steps", [
                    ("Tap 「設定」 (Settings).", SETTINGS, "Home screen. The grey gear icon, Settings (設定), is circled in red."),
                    ("Tap 「画面表示と明るさ」 (Display & Brightness).", "iphone-display-menu", "The Settings list. Display & Brightness (画面表示と明るさ) is outlined in red."),
                    "Tap 「テキストサイズを変更」 (Text Size).",
                    ("Drag the slider at the bottom to the right. The text gets bigger.", SLIDER, "A slider. Moving its round handle to the right makes the text bigger."),
                ]),
                ("heading", "On an Android phone"),
                ("steps", [
                    ("Tap 「設定」 (Settings).", SETTINGS, "Home screen. The grey gear icon, Settings (設定), is circled in red."),
                    ("Tap 「ディスプレイ」 (Display). On some phones it is called 「画面設定」 (Screen settings).", "android-display-menu", "The Settings list. Display (ディスプレイ) is outlined in red."),
                    "Tap 「フォントサイズと表示サイズ」 (Font size and display size).",
                    ("Drag the 「フォントサイズ」 (Font size) slider to the right.", SLIDER, "A slider. Moving its round handle to the right makes the text bigger."),
                ]),
                ("tip", "Phones for older people such as the 「らくらくスマートフォン」 (Raku-Raku Smartphone) start with large text. You can make it larger still in 「設定」 (Settings), under 「文字の大きさ」 (Text size)."),
                ASK,
            ],
        ),
        "zh-hans": (
            "把手机上的文字调大",
            "把屏幕上的文字调大、更容易阅读的方法。",
            [
                ("paragraph", "按钮和菜单的名称按手机设为日语时的显示写在「」里，括号里是中文的名称。不同机型的名称和位置可能略有不同。"),
                ("heading", "iPhone 的操作方法"),
                ("steps", [
                    ("点击「設定」（设置）。", SETTINGS, "主屏幕。灰色齿轮形状的“设置（設定）”图标被红圈圈出。"),
                    ("点击「画面表示と明るさ」（显示与亮度）。", "iphone-display-menu", "“设置”列表。“显示与亮度（画面表示と明るさ）”被红框框出。"),
                    "点击「テキストサイズを変更」（文字大小）。",
                    ("把下方的滑块向右拖动，文字就会变大。", SLIDER, "一个滑动条。把圆形滑块向右移动，文字就会变大。"),
                ]),
                ("heading", "Android 手机的操作方法"),
                ("steps", [
                    ("点击「設定」（设置）。", SETTINGS, "主屏幕。灰色齿轮形状的“设置（設定）”图标被红圈圈出。"),
                    ("点击「ディスプレイ」（显示）。有些机型叫「画面設定」（屏幕设置）。", "android-display-menu", "“设置”列表。“显示（ディスプレイ）”被红框框出。"),
                    "点击「フォントサイズと表示サイズ」（字体大小和显示大小）。",
                    ("把「フォントサイズ」（字体大小）的滑块向右拖动。", SLIDER, "一个滑动条。把圆形滑块向右移动，文字就会变大。"),
                ]),
                ("tip", "「らくらくスマートフォン」（Raku-Raku智能手机）等适合老年人的手机，一开始文字就比较大。在「設定」（设置）的「文字の大きさ」（文字大小）里还可以调得更大。"),
                ASK,
            ],
        ),
        "ko": (
            "스마트폰 글자를 크게 하기",
            "화면의 글자를 크게 해서 읽기 쉽게 하는 방법입니다.",
            [
                ("paragraph", "버튼과 메뉴 이름은 스마트폰이 일본어로 설정되어 있을 때 보이는 그대로 「」 안에 쓰고, 괄호 안에 한국어 이름을 적었습니다. 기종에 따라 이름이나 위치가 조금 다를 수 있습니다."),
                ("heading", "iPhone의 경우"),
                ("steps", [
                    ("「設定」(설정)을 누릅니다.", SETTINGS, "홈 화면. 회색 톱니바퀴 모양의 설정(設定) 아이콘에 빨간 동그라미가 쳐져 있습니다."),
                    ("「画面表示と明るさ」(디스플레이 및 밝기)를 누릅니다.", "iphone-display-menu", "설정 목록. 디스플레이 및 밝기(画面表示と明るさ)가 빨간 테두리로 둘러싸여 있습니다."),
                    "「テキストサイズを変更」(텍스트 크기)를 누릅니다.",
                    ("아래의 막대를 오른쪽으로 움직이면 글자가 커집니다.", SLIDER, "좌우로 움직이는 막대. 동그란 손잡이를 오른쪽으로 움직이면 글자가 커집니다."),
                ]),
                ("heading", "Android의 경우"),
                ("steps", [
                    ("「設定」(설정)을 누릅니다.", SETTINGS, "홈 화면. 회색 톱니바퀴 모양의 설정(設定) 아이콘에 빨간 동그라미가 쳐져 있습니다."),
                    ("「ディスプレイ」(디스플레이)를 누릅니다. 기종에 따라서는 「画面設定」(화면 설정)이라고 되어 있습니다.", "android-display-menu", "설정 목록. 디스플레이(ディスプレイ)가 빨간 테두리로 둘러싸여 있습니다."),
                    "「フォントサイズと表示サイズ」(글꼴 크기와 표시 크기)를 누릅니다.",
                    ("「フォントサイズ」(글꼴 크기)의 막대를 오른쪽으로 움직입니다.", SLIDER, "좌우로 움직이는 막대. 동그란 손잡이를 오른쪽으로 움직이면 글자가 커집니다."),
                ]),
                ("tip", "「らくらくスマートフォン」(라쿠라쿠 스마트폰) 같은 시니어용 스마트폰은 처음부터 글자가 큰 편입니다. 「設定」(설정)의 「文字の大きさ」(글자 크기)에서 더 크게 할 수 있습니다."),
                ASK,
            ],
        ),
        "vi": (
            "Phóng to chữ trên điện thoại",
            "Cách làm chữ trên màn hình to hơn, dễ đọc hơn.",
            [
                ("paragraph", "Tên nút và mục menu được viết trong 「」 đúng như điện thoại cài tiếng Nhật hiển thị, kèm tên tiếng Việt trong ngoặc. Tùy loại máy, tên và vị trí có thể hơi khác."),
                ("heading", "Trên iPhone"),
                ("steps", [
                    ("Chạm vào 「設定」 (Cài đặt).", SETTINGS, "Màn hình chính. Biểu tượng Cài đặt (設定) hình bánh răng màu xám được khoanh tròn màu đỏ."),
                    ("Chạm vào 「画面表示と明るさ」 (Màn hình & Độ sáng).", "iphone-display-menu", "Danh sách Cài đặt. Mục Màn hình & Độ sáng (画面表示と明るさ) được đóng khung màu đỏ."),
                    "Chạm vào 「テキストサイズを変更」 (Cỡ chữ).",
                    ("Kéo thanh trượt ở phía dưới sang phải. Chữ sẽ to lên.", SLIDER, "Một thanh trượt. Kéo nút tròn sang phải thì chữ to lên."),
                ]),
                ("heading", "Trên điện thoại Android"),
                ("steps", [
                    ("Chạm vào 「設定」 (Cài đặt).", SETTINGS, "Màn hình chính. Biểu tượng Cài đặt (設定) hình bánh răng màu xám được khoanh tròn màu đỏ."),
                    ("Chạm vào 「ディスプレイ」 (Màn hình). Ở một số máy, mục này tên là 「画面設定」 (Cài đặt màn hình).", "android-display-menu", "Danh sách Cài đặt. Mục Màn hình (ディスプレイ) được đóng khung màu đỏ."),
                    "Chạm vào 「フォントサイズと表示サイズ」 (Cỡ chữ và cỡ hiển thị).",
                    ("Kéo thanh trượt 「フォントサイズ」 (Cỡ chữ) sang phải.", SLIDER, "Một thanh trượt. Kéo nút tròn sang phải thì chữ to lên."),
                ]),
                ("tip", "Điện thoại dành cho người cao tuổi như 「らくらくスマートフォン」 (Raku-Raku Smartphone) có chữ to ngay từ đầu. Quý vị có thể làm chữ to hơn nữa trong 「設定」 (Cài đặt), ở mục 「文字の大きさ」 (Cỡ chữ)."),
                ASK,
            ],
        ),
        "pt-br": (
            "Aumentar as letras do celular",
            "Como deixar as letras da tela maiores e mais fáceis de ler.",
            [
                ("paragraph", "Os nomes dos botões e menus estão entre 「」, como aparecem num celular configurado em japonês, com o nome em português entre parênteses. Em alguns aparelhos, os nomes e os lugares podem ser um pouco diferentes."),
                ("heading", "No iPhone"),
                ("steps", [
                    ("Toque em 「設定」 (Ajustes).", SETTINGS, "Tela inicial. O ícone cinza de engrenagem, Ajustes (設定), está circulado em vermelho."),
                    ("Toque em 「画面表示と明るさ」 (Tela e Brilho).", "iphone-display-menu", "A lista de Ajustes. Tela e Brilho (画面表示と明るさ) está marcado com um quadro vermelho."),
                    "Toque em 「テキストサイズを変更」 (Tamanho do Texto).",
                    ("Arraste a barra de baixo para a direita. As letras ficam maiores.", SLIDER, "Uma barra deslizante. Ao mover o botão redondo para a direita, as letras aumentam."),
                ]),
                ("heading", "No Android"),
                ("steps", [
                    ("Toque em 「設定」 (Configurações).", SETTINGS, "Tela inicial. O ícone cinza de engrenagem, Configurações (設定), está circulado em vermelho."),
                    ("Toque em 「ディスプレイ」 (Tela). Em alguns aparelhos, o nome é 「画面設定」 (Configurações de tela).", "android-display-menu", "A lista de Configurações. Tela (ディスプレイ) está marcada com um quadro vermelho."),
                    "Toque em 「フォントサイズと表示サイズ」 (Tamanho da fonte e da tela).",
                    ("Arraste a barra 「フォントサイズ」 (Tamanho da fonte) para a direita.", SLIDER, "Uma barra deslizante. Ao mover o botão redondo para a direita, as letras aumentam."),
                ]),
                ("tip", "Celulares para idosos, como o 「らくらくスマートフォン」 (Raku-Raku Smartphone), já vêm com letras grandes. Dá para aumentar ainda mais em 「設定」 (Configurações), na opção 「文字の大きさ」 (Tamanho das letras)."),
                ASK,
            ],
        ),
    },
)
# fmt: on
