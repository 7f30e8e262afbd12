"""The home page, the help index and the "ask for help" sentence in every language."""

HOME = {
    "ja": {
        "title": "スマホ教室と使い方の相談",
        "lead": "スマートフォンの使い方を、近くの会場でやさしく教えます。参加は無料です。",
        "phone_note": "電話でも申し込めます。係の者が受け付けます。",
    },
    "ja-x-easy": {
        "title": "スマホ教室と そうだん",
        "lead": "スマホの つかいかたを 教えます。お金は いりません。",
        "phone_note": "電話でも もうしこめます。",
    },
    "en": {
        "title": "Smartphone classes and help",
        "lead": "Free classes near your home that teach you to use a smartphone, step by step.",
        "phone_note": "You can also register by phone; a member of staff will help you.",
    },
    "zh-hans": {
        "title": "智能手机讲座与使用咨询",
        "lead": "在您家附近的会场，耐心地教您使用智能手机。参加免费。",
        "phone_note": "也可以打电话报名，由工作人员为您办理。",
    },
    "ko": {
        "title": "스마트폰 교실과 사용법 상담",
        "lead": "가까운 곳에서 스마트폰 사용법을 친절하게 알려 드립니다. 참가비는 무료입니다.",
        "phone_note": "전화로도 신청할 수 있습니다. 담당 직원이 접수해 드립니다.",
    },
    "vi": {
        "title": "Lớp học điện thoại thông minh và tư vấn cách dùng",
        "lead": "Chúng tôi hướng dẫn tận tình cách dùng điện thoại thông minh tại địa điểm gần nhà quý vị. Tham gia miễn phí.",
        "phone_note": "Quý vị cũng có thể đăng ký qua điện thoại. Nhân viên phụ trách sẽ tiếp nhận.",
    },
    "pt-br": {
        "title": "Aulas de smartphone e ajuda",
        "lead": "Aulas gratuitas perto da sua casa, que ensinam a usar o smartphone com calma, passo a passo.",
        "phone_note": "Você também pode se inscrever por telefone; um atendente vai ajudar.",
    },
}

INDEX = {
    "ja": {
        "title": "使い方の説明",
        "intro": "スマホの使い方を、順番に説明します。教室のあとに、家で読んでください。",
    },
    "ja-x-easy": {
        "title": "つかいかたの せつめい",
        "intro": "スマホの つかいかたを じゅんばんに せつめいします。教室の あとで、家で 読んで ください。",
    },
    "en": {
        "title": "Help guides",
        "intro": "Step-by-step guides to using your smartphone, to read at home after a class.",
    },
    "zh-hans": {
        "title": "使用说明",
        "intro": "按步骤说明智能手机的用法。参加讲座以后，请在家里阅读。",
    },
    "ko": {
        "title": "사용법 안내",
        "intro": "스마트폰 사용법을 순서대로 설명합니다. 교실에 다녀온 뒤 집에서 읽어 보세요.",
    },
    "vi": {
        "title": "Hướng dẫn sử dụng",
        "intro": "Hướng dẫn từng bước cách dùng điện thoại thông minh. Hãy đọc ở nhà sau buổi học.",
    },
    "pt-br": {
        "title": "Guias de uso",
        "intro": "Guias passo a passo para usar o celular. Leia em casa depois da aula.",
    },
}

# The sentence of every article's "ask for help" box.
ASK_TEXT = {
    "ja": "わからないときは、電話で聞いてください。教室でも教えます。",
    "ja-x-easy": "わからない ときは、電話して ください。教室でも 教えます。",
    "en": "If you get stuck, call us. Our classes teach this too.",
    "zh-hans": "有不明白的地方，请打电话询问。讲座上也会教。",
    "ko": "모르는 것이 있으면 전화로 물어보세요. 교실에서도 알려 드립니다.",
    "vi": "Nếu chưa hiểu, xin vui lòng gọi điện hỏi chúng tôi. Các lớp học cũng dạy nội dung này.",
    "pt-br": "Se tiver dúvidas, ligue para nós. As aulas também ensinam isso.",
}
