"""The demo topics' texts in the resident languages without columns of their own.

Japanese and English are in outreach.demo.DEMO_TOPICS; these are the same facts in
easy Japanese, Chinese, Korean, Vietnamese and Brazilian Portuguese, read by
Topic.text_in. What to bring is the same for every demo topic.
"""

# slug → language → (title, summary)
TOPIC_TEXTS = {
    "basics": {
        "ja-x-easy": (
            "スマホの きほん（でんげん・ボタン・もじを 入れる）",
            "スマホを つける、がめんを さわる、もじを 入れる れんしゅうを します。",
        ),
        "zh-hans": ("智能手机基础：开关机、按键和打字", "练习开机、操作屏幕和输入文字。"),
        "ko": (
            "스마트폰 기초: 전원, 버튼, 글자 입력",
            "전원 켜기, 화면 조작, 글자 입력을 연습합니다.",
        ),
        "vi": (
            "Cơ bản về điện thoại thông minh: nguồn, nút bấm và gõ chữ",
            "Luyện tập bật máy, thao tác trên màn hình và gõ chữ.",
        ),
        "pt-br": (
            "Noções básicas do celular: ligar, botões e digitação",
            "Pratique ligar o aparelho, usar a tela e digitar.",
        ),
    },
    "calls-camera": {
        "ja-x-easy": (
            "でんわと カメラ",
            "でんわの かけかたと、しゃしんの とりかた・見かたを れんしゅうします。",
        ),
        "zh-hans": ("电话和相机", "练习打电话，以及拍照和看照片。"),
        "ko": ("전화와 카메라", "전화 거는 법과 사진 찍는 법, 보는 법을 연습합니다."),
        "vi": ("Gọi điện và máy ảnh", "Luyện tập cách gọi điện, cách chụp và xem ảnh."),
        "pt-br": ("Ligações e câmera", "Pratique fazer ligações, tirar e ver fotos."),
    },
    "internet": {
        "ja-x-easy": (
            "インターネットで しらべる",
            "しりたい ことを しらべる れんしゅうを します。",
        ),
        "zh-hans": ("上网查询", "练习查找您想知道的信息。"),
        "ko": ("인터넷으로 찾아보기", "알고 싶은 것을 찾아보는 방법을 연습합니다."),
        "vi": ("Tìm kiếm trên Internet", "Luyện tập cách tìm những điều quý vị muốn biết."),
        "pt-br": ("Pesquisar na internet", "Pratique como encontrar o que você quer saber."),
    },
    "maps": {
        "ja-x-easy": (
            "ちずの アプリで バスや みちを さがす",
            "ちずの アプリで、いきたい ところと バスの じかんを しらべます。",
        ),
        "zh-hans": ("用地图应用查找公交和路线", "用地图应用查找目的地和公交时间。"),
        "ko": ("지도 앱으로 버스와 길 찾기", "지도 앱으로 목적지와 버스 시간을 알아봅니다."),
        "vi": (
            "Bản đồ: tìm xe buýt và đường đi",
            "Tìm nơi cần đến và giờ xe buýt bằng ứng dụng bản đồ.",
        ),
        "pt-br": (
            "Mapas: encontrar o ônibus e o caminho",
            "Encontre lugares e horários de ônibus com um aplicativo de mapas.",
        ),
    },
    "line": {
        "ja-x-easy": (
            "LINEで かぞくと れんらく",
            "メッセージ、しゃしん、かおを 見ながら はなす でんわを れんしゅうします。",
        ),
        "zh-hans": ("用LINE和家人联系", "练习发消息、发照片和视频通话。"),
        "ko": ("LINE으로 가족과 연락하기", "메시지, 사진, 영상 통화를 연습합니다."),
        "vi": ("Liên lạc với gia đình qua LINE", "Luyện tập nhắn tin, gửi ảnh và gọi video."),
        "pt-br": (
            "Conversar com a família pelo LINE",
            "Pratique enviar mensagens e fotos e fazer chamadas de vídeo.",
        ),
    },
    "mynumber-apply": {
        "ja-x-easy": (
            "マイナンバーカードを もうしこむ",
            "スマホで マイナンバーカードを もうしこみます。",
        ),
        "zh-hans": ("申请个人编号卡（My Number卡）", "用手机申请个人编号卡。"),
        "ko": ("마이넘버 카드 신청", "스마트폰으로 마이넘버 카드를 신청합니다."),
        "vi": ("Đăng ký thẻ My Number", "Đăng ký thẻ My Number bằng điện thoại."),
        "pt-br": ("Solicitar o cartão My Number", "Solicite o cartão My Number pelo celular."),
    },
    "mynaportal": {
        "ja-x-easy": (
            "マイナポータルと けんこうほけんしょう",
            "マイナポータルの つかいかたと、マイナンバーカードを ほけんしょうとして つかう"
            " ことを まなびます。",
        ),
        "zh-hans": (
            "Mynaportal与健康保险证",
            "学习Mynaportal的用法，以及如何把个人编号卡当作健康保险证使用。",
        ),
        "ko": (
            "마이나포털과 건강보험증",
            "마이나포털 사용법과 마이넘버 카드를 건강보험증으로 쓰는 방법을 배웁니다.",
        ),
        "vi": (
            "Mynaportal và thẻ bảo hiểm y tế",
            "Học cách dùng Mynaportal và dùng thẻ My Number làm thẻ bảo hiểm y tế.",
        ),
        "pt-br": (
            "Mynaportal e a carteirinha do seguro de saúde",
            "Aprenda a usar o Mynaportal e o cartão My Number como carteirinha do seguro de saúde.",
        ),
    },
    "online-city": {
        "ja-x-easy": (
            "市に インターネットで もうしこむ",
            "市の てつづきを スマホで もうしこむ ほうほうを まなびます。",
        ),
        "zh-hans": ("向市政府在线申请", "学习用手机办理市里的手续。"),
        "ko": (
            "시에 온라인으로 신청하기",
            "시의 각종 절차를 스마트폰으로 신청하는 방법을 배웁니다.",
        ),
        "vi": (
            "Nộp đơn trực tuyến cho thành phố",
            "Học cách làm thủ tục của thành phố bằng điện thoại.",
        ),
        "pt-br": (
            "Pedidos online à prefeitura",
            "Aprenda a fazer os trâmites da prefeitura pelo celular.",
        ),
    },
    "cashless": {
        "ja-x-easy": (
            "スマホで おかねを はらう",
            "おみせで スマホで はらう ほうほうを、あんぜんに れんしゅうします。",
        ),
        "zh-hans": ("无现金支付", "安全地练习在商店用手机付款。"),
        "ko": ("현금 없는 결제", "가게에서 스마트폰으로 결제하는 방법을 안전하게 연습합니다."),
        "vi": (
            "Thanh toán không dùng tiền mặt",
            "Luyện tập an toàn cách trả tiền bằng điện thoại ở cửa hàng.",
        ),
        "pt-br": (
            "Pagamento sem dinheiro vivo",
            "Pratique com segurança pagar nas lojas com o celular.",
        ),
    },
    "scams": {
        "ja-x-easy": (
            "スマホの さぎに 気をつける",
            "あやしい メッセージや でんわの 見わけかたを まなびます。",
        ),
        "zh-hans": ("防范手机诈骗", "学习如何识别可疑的消息和电话。"),
        "ko": ("스마트폰 사기 예방", "수상한 메시지와 전화를 구별하는 방법을 배웁니다."),
        "vi": (
            "Phòng tránh lừa đảo qua điện thoại",
            "Học cách nhận biết tin nhắn và cuộc gọi đáng ngờ.",
        ),
        "pt-br": (
            "Proteja-se de golpes pelo celular",
            "Aprenda a reconhecer mensagens e ligações suspeitas.",
        ),
    },
}

WHAT_TO_BRING = {
    "ja-x-easy": "じぶんの スマホ（ない 人には かします）、ペン",
    "zh-hans": "您的智能手机（没有的话可以借给您）、笔",
    "ko": "본인의 스마트폰(없으시면 빌려 드립니다), 필기도구",
    "vi": "Điện thoại của quý vị (nếu không có, chúng tôi sẽ cho mượn), bút",
    "pt-br": "Seu celular (se não tiver, emprestamos um), caneta",
}


def topic_translations(slug: str) -> dict:
    """Topic.translations of a demo topic."""
    return {
        language: {"title": title, "summary": summary, "what_to_bring": WHAT_TO_BRING[language]}
        for language, (title, summary) in TOPIC_TEXTS.get(slug, {}).items()
    }
