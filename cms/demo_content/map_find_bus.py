"""地図アプリでバスをさがす: looking up a bus and its times in Google Maps."""

from cms.demo_content.base import ASK, Article

SEARCH = "maps-search"
ROUTE = "maps-route-button"
TRANSIT = "maps-transit-mode"

# fmt: off
# One block or step a line, so the versions compare line by line.
ARTICLE = Article(
    slug="map-find-bus",
    topic="maps",
    level="basic",
    phones=("iphone", "android"),
    versions={
        "ja": (
            "地図アプリでバスをさがす",
            "Googleマップで、行き先までのバスと時間を調べる方法です。",
            [
                ("steps", [
                    "「Googleマップ」を開きます。",
                    ("上の検索の欄に、行き先を入力します。例：相模原市役所", SEARCH, "Googleマップの上の検索の欄に「相模原市役所」と入力されています。"),
                    ("「経路」を押します。", ROUTE, "行き先の案内の下の、青い「経路」のボタンが赤い丸で囲まれています。"),
                    ("上に並んだマークから、電車のマーク（公共交通機関）を押します。", TRANSIT, "上に並んだ車、電車、歩く人のマーク。電車のマークが赤い丸で囲まれ、下にバスの時間が出ています。"),
                    "乗るバスと時間、乗り場が出ます。押すと、くわしく見られます。",
                ]),
                ("tip", "「出発時刻」を押すと、明日の時間も調べられます。帰りのバスも、先に調べておくと安心です。"),
                ASK,
            ],
        ),
        "ja-x-easy": (
            "地図の アプリで バスを さがす",
            "「Googleマップ」で、行きたい 場所までの バスと 時間を しらべます。",
            [
                ("steps", [
                    "「Googleマップ」を ひらきます。",
                    ("上の さがす ところに、行きたい 場所を 書きます。たとえば「相模原市役所」です。", SEARCH, "Googleマップの 上に「相模原市役所」と 書いて あります。"),
                    ("「経路」を おします。", ROUTE, "青い「経路」の ボタンが、赤い 丸で かこんで あります。"),
                    ("上に ならんだ マークから、電車の マーク（公共交通機関：電車や バス）を おします。", TRANSIT, "車、電車、歩く 人の マークが あります。電車の マークが 赤い 丸で かこんで あります。下に バスの 時間が 出て います。"),
                    "のる バスと 時間、のる 場所が 出ます。おすと、くわしく 見られます。",
                ]),
                ("tip", "「出発時刻」を おすと、あしたの 時間も しらべられます。かえりの バスも、先に しらべると あんしんです。"),
                ASK,
            ],
        ),
        "en": (
            "Find a bus with the map app",
            "How to look up the bus to where you are going, and its times, in Google Maps.",
            [
                ("steps", [
                    "Open 「Googleマップ」 (Google Maps). Names in 「」 are what the app shows when your phone is set to Japanese.",
                    ("In the search box at the top, type where you are going, for example 「相模原市役所」 (Sagamihara City Hall).", SEARCH, "The search box at the top of Google Maps, with Sagamihara City Hall (相模原市役所) typed in."),
                    ("Tap 「経路」 (Directions).", ROUTE, "Below the place's name, the blue Directions (経路) button is circled in red."),
                    ("In the row of icons at the top, tap the train icon 「公共交通機関」 (Transit).", TRANSIT, "A row of icons: car, train and walking person. The train icon is circled in red, with bus times below."),
                    "The bus to take, its times and the stop appear. Tap one to see the details.",
                ]),
                ("tip", "Tap 「出発時刻」 (Depart at) to look up tomorrow's times too. It is reassuring to look up the bus home before you set out, too."),
                ASK,
            ],
        ),
        "zh-hans": (
            "用地图应用查找公交车",
            "用Google地图查询到目的地的公交车和时间的方法。",
            [
                ("steps", [
                    "打开「Googleマップ」（Google地图）。「」里是手机设为日语时显示的名称。",
                    ("在上方的搜索框里输入目的地，例如「相模原市役所」（相模原市政府）。", SEARCH, "Google地图上方的搜索框里输入了相模原市政府（相模原市役所）。"),
                    ("点击「経路」（路线）。", ROUTE, "地点名称下方，蓝色的“路线（経路）”按钮被红圈圈出。"),
                    ("在上方的一排图标中，点击列车图标「公共交通機関」（公共交通）。", TRANSIT, "一排图标：汽车、列车、行人。列车图标被红圈圈出，下方显示公交车的时间。"),
                    "会显示要坐的公交车、时间和上车的车站。点击可以查看详情。",
                ]),
                ("tip", "点击「出発時刻」（出发时间），还能查询明天的时间。回程的公交车也先查好，会比较放心。"),
                ASK,
            ],
        ),
        "ko": (
            "지도 앱으로 버스 찾기",
            "Google 지도에서 목적지까지 가는 버스와 시간을 알아보는 방법입니다.",
            [
                ("steps", [
                    "「Googleマップ」(Google 지도)를 엽니다. 「」 안은 스마트폰이 일본어로 설정되어 있을 때 보이는 이름입니다.",
                    ("위쪽 검색창에 목적지를 입력합니다. 예: 「相模原市役所」(사가미하라 시청)", SEARCH, "Google 지도 위쪽 검색창에 사가미하라 시청(相模原市役所)이 입력되어 있습니다."),
                    ("「経路」(경로)를 누릅니다.", ROUTE, "장소 이름 아래의 파란 경로(経路) 버튼에 빨간 동그라미가 쳐져 있습니다."),
                    ("위에 나란히 있는 아이콘 중에서 전철 아이콘 「公共交通機関」(대중교통)을 누릅니다.", TRANSIT, "자동차, 전철, 걷는 사람 아이콘이 나란히 있습니다. 전철 아이콘에 빨간 동그라미가 쳐져 있고 아래에 버스 시간이 나와 있습니다."),
                    "탈 버스와 시간, 타는 곳이 나옵니다. 누르면 자세히 볼 수 있습니다.",
                ]),
                ("tip", "「出発時刻」(출발 시간)을 누르면 내일 시간도 알아볼 수 있습니다. 돌아오는 버스도 미리 알아 두면 안심할 수 있습니다."),
                ASK,
            ],
        ),
        "vi": (
            "Tìm xe buýt bằng ứng dụng bản đồ",
            "Cách dùng Google Maps để tra xe buýt và giờ xe chạy đến nơi quý vị muốn đi.",
            [
                ("steps", [
                    "Mở 「Googleマップ」 (Google Maps). Chữ trong 「」 là tên hiện ra khi điện thoại cài tiếng Nhật.",
                    ("Nhập nơi muốn đến vào ô tìm kiếm ở phía trên, ví dụ 「相模原市役所」 (Tòa thị chính Sagamihara).", SEARCH, "Ô tìm kiếm phía trên Google Maps đã nhập Tòa thị chính Sagamihara (相模原市役所)."),
                    ("Chạm vào 「経路」 (Đường đi).", ROUTE, "Bên dưới tên địa điểm, nút Đường đi (経路) màu xanh được khoanh tròn màu đỏ."),
                    ("Trong hàng biểu tượng ở phía trên, chạm vào biểu tượng tàu điện 「公共交通機関」 (Phương tiện công cộng).", TRANSIT, "Hàng biểu tượng: ô tô, tàu điện, người đi bộ. Biểu tượng tàu điện được khoanh tròn màu đỏ, bên dưới là giờ xe buýt."),
                    "Tuyến xe buýt cần đi, giờ xe chạy và trạm đón xe sẽ hiện ra. Chạm vào để xem chi tiết.",
                ]),
                ("tip", "Chạm vào 「出発時刻」 (Giờ khởi hành) để tra cả giờ của ngày mai. Nên tra trước cả xe buýt chiều về cho yên tâm."),
                ASK,
            ],
        ),
        "pt-br": (
            "Encontrar o ônibus no aplicativo de mapas",
            "Como ver no Google Maps o ônibus até o seu destino e os horários.",
            [
                ("steps", [
                    "Abra o 「Googleマップ」 (Google Maps). Os nomes entre 「」 são os que aparecem com o celular em japonês.",
                    ("Na caixa de pesquisa, em cima, digite aonde você vai, por exemplo 「相模原市役所」 (Prefeitura de Sagamihara).", SEARCH, "A caixa de pesquisa no alto do Google Maps, com Prefeitura de Sagamihara (相模原市役所) digitado."),
                    ("Toque em 「経路」 (Rotas).", ROUTE, "Abaixo do nome do lugar, o botão azul Rotas (経路) está circulado em vermelho."),
                    ("Na fileira de ícones em cima, toque no ícone de trem 「公共交通機関」 (Transporte público).", TRANSIT, "Uma fileira de ícones: carro, trem e pessoa andando. O ícone de trem está circulado em vermelho, com os horários do ônibus embaixo."),
                    "Aparecem o ônibus que você deve pegar, o horário e o ponto de embarque. Toque para ver os detalhes.",
                ]),
                ("tip", "Toque em 「出発時刻」 (Horário de partida) para ver também os horários de amanhã. Também é bom ver antes o ônibus da volta, para sair com tranquilidade."),
                ASK,
            ],
        ),
    },
)
# fmt: on
