"""スマホでマイナンバーカードを申請する: applying for a My Number Card from a phone."""

from cms.demo_content.base import ASK, Article

QR = "mynumber-qr-scan"
FACE = "face-photo"

# fmt: off
# One block or step a line, so the versions compare line by line.
ARTICLE = Article(
    slug="mynumber-card-online",
    topic="mynumber-apply",
    level="applied",
    phones=("iphone", "android"),
    versions={
        "ja": (
            "スマホでマイナンバーカードを申請する",
            "交付申請書のQRコードを読み取って、スマホから申請する方法です。",
            [
                ("paragraph", "<p>用意するもの</p><ul><li>交付申請書（QRコードが印刷された紙）</li><li>メールアドレス</li><li>顔写真（スマホで撮れます）</li></ul>"),
                ("steps", [
                    ("交付申請書のQRコードを、スマホのカメラで読み取ります。", QR, "交付申請書の右下のQRコードに、スマホのカメラを向けているところ。"),
                    "開いたページで、メールアドレスを登録します。",
                    "届いたメールのリンクを押して、申請のページを開きます。",
                    ("顔写真を撮って登録します。明るい場所で、正面から撮りましょう。", FACE, "スマホの画面。正面を向いた顔が、点線の枠の中に入っています。上に明るい光があります。"),
                    "生年月日などを入力して、「送信」を押します。",
                ]),
                ("tip", "カードができると、市から「交付通知書」がはがきで届きます。受け取りの日時を予約してから、窓口に行きます。"),
                ("warning", ("お金は要りません", "マイナンバーカードの申請に、お金はかかりません。お金を求める電話やメールはサギです。")),
                ASK,
            ],
        ),
        "ja-x-easy": (
            "スマホで マイナンバーカードを もうしこむ",
            "「交付申請書」の QRコードを 読んで、スマホで もうしこみます。",
            [
                ("paragraph", "<p>つかう もの</p><ul><li>交付申請書（QRコードが ある 紙です）</li><li>メールアドレス</li><li>顔の 写真（スマホで とれます）</li></ul>"),
                ("steps", [
                    ("交付申請書の QRコードを、スマホの カメラで 読みます。", QR, "交付申請書の QRコードに、スマホの カメラを むけて います。"),
                    "出た ページで、メールアドレスを 書きます。",
                    "メールが 来ます。メールの リンクを おします。もうしこみの ページが 出ます。",
                    ("顔の 写真を とって、ページに 入れます。明るい ところで、前から とります。", FACE, "スマホの 画面です。前を むいた 顔が、点の 線の 中に 入って います。上に 明るい 光が あります。"),
                    "生まれた 日などを 書きます。「送信」を おします。",
                ]),
                ("tip", "カードが できると、市から「交付通知書」と いう はがきが 来ます。とりに 行く 日と 時間を よやく してから、まどぐちに 行きます。"),
                ("warning", ("お金は いりません", "カードを もうしこむ とき、お金は いりません。「お金を はらって ください」と 言う 電話や メールは サギです。")),
                ASK,
            ],
        ),
        "en": (
            "Apply for a My Number Card on your phone",
            "How to apply from your smartphone by scanning the QR code on your application form.",
            [
                ("paragraph", "<p>What you need</p><ul><li>The application form 「交付申請書」 (the paper with a QR code printed on it)</li><li>An email address</li><li>A photo of your face (you can take it with your phone)</li></ul>"),
                ("steps", [
                    ("Scan the QR code on the application form with your phone's camera.", QR, "A phone camera pointed at the QR code in the corner of the application form (交付申請書)."),
                    "On the page that opens, register your email address.",
                    "Tap the link in the email you receive to open the application page.",
                    ("Take a photo of your face and register it. Stand somewhere bright and face the camera.", FACE, "A phone screen with a face looking straight ahead inside a dotted frame, under a bright light."),
                    "Enter your date of birth and the other details, then tap 「送信」 (Send).",
                ]),
                ("tip", "When your card is ready, the city sends you a postcard, the notice of issue 「交付通知書」. Book a day and time to collect the card, then go to the counter."),
                ("warning", ("It is free", "Applying for a My Number Card costs nothing. A call or email asking you for money is a scam.")),
                ASK,
            ],
        ),
        "zh-hans": (
            "用手机申请个人编号卡（My Number卡）",
            "扫描交付申请书上的二维码，用手机申请的方法。",
            [
                ("paragraph", "<p>需要准备的东西</p><ul><li>交付申请书「交付申請書」（印有二维码的纸）</li><li>电子邮箱地址</li><li>脸部照片（可以用手机拍）</li></ul>"),
                ("steps", [
                    ("用手机相机扫描交付申请书上的二维码。", QR, "手机相机对准交付申请书（交付申請書）角上的二维码。"),
                    "在打开的页面上登记电子邮箱地址。",
                    "点击收到的邮件里的链接，打开申请页面。",
                    ("拍摄并登记脸部照片。请在明亮的地方，从正面拍摄。", FACE, "手机画面上，一张正面朝前的脸在虚线框内，上方有明亮的灯光。"),
                    "输入出生日期等信息，然后点击「送信」（发送）。",
                ]),
                ("tip", "卡制作好后，市政府会寄来明信片「交付通知書」（领卡通知书）。请先预约领卡的日期和时间，再去窗口领取。"),
                ("warning", ("不需要付钱", "申请个人编号卡不需要任何费用。打电话或发邮件向您要钱的，都是诈骗。")),
                ASK,
            ],
        ),
        "ko": (
            "스마트폰으로 마이넘버 카드 신청하기",
            "교부 신청서의 QR코드를 스캔해 스마트폰으로 신청하는 방법입니다.",
            [
                ("paragraph", "<p>준비할 것</p><ul><li>교부 신청서 「交付申請書」(QR코드가 인쇄된 종이)</li><li>이메일 주소</li><li>얼굴 사진(스마트폰으로 찍을 수 있습니다)</li></ul>"),
                ("steps", [
                    ("교부 신청서의 QR코드를 스마트폰 카메라로 스캔합니다.", QR, "교부 신청서(交付申請書) 모서리의 QR코드에 스마트폰 카메라를 대고 있는 모습."),
                    "열린 페이지에서 이메일 주소를 등록합니다.",
                    "받은 메일의 링크를 눌러 신청 페이지를 엽니다.",
                    ("얼굴 사진을 찍어 등록합니다. 밝은 곳에서 정면으로 찍으세요.", FACE, "스마트폰 화면의 점선 틀 안에 정면을 보는 얼굴이 있고, 위에 밝은 빛이 있습니다."),
                    "생년월일 등을 입력하고 「送信」(보내기)를 누릅니다.",
                ]),
                ("tip", "카드가 완성되면 시에서 교부 통지서 「交付通知書」를 엽서로 보내 드립니다. 카드를 받을 날짜와 시간을 예약한 뒤 창구에 가세요."),
                ("warning", ("돈은 들지 않습니다", "마이넘버 카드 신청에는 돈이 들지 않습니다. 돈을 요구하는 전화나 메일은 사기입니다.")),
                ASK,
            ],
        ),
        "vi": (
            "Đăng ký thẻ My Number bằng điện thoại",
            "Cách quét mã QR trên giấy đăng ký cấp thẻ để đăng ký bằng điện thoại thông minh.",
            [
                ("paragraph", "<p>Những thứ cần chuẩn bị</p><ul><li>Giấy đăng ký cấp thẻ 「交付申請書」 (tờ giấy có in mã QR)</li><li>Địa chỉ email</li><li>Ảnh chân dung (có thể chụp bằng điện thoại)</li></ul>"),
                ("steps", [
                    ("Quét mã QR trên giấy đăng ký cấp thẻ bằng camera điện thoại.", QR, "Camera điện thoại đang hướng vào mã QR ở góc dưới bên phải của giấy đăng ký cấp thẻ (交付申請書)."),
                    "Trên trang vừa mở, đăng ký địa chỉ email.",
                    "Chạm vào đường link trong email nhận được để mở trang đăng ký.",
                    ("Chụp và đăng ký ảnh chân dung. Hãy chụp ở nơi sáng, nhìn thẳng vào máy.", FACE, "Màn hình điện thoại có khuôn mặt nhìn thẳng nằm trong khung nét đứt, phía trên có ánh sáng."),
                    "Nhập ngày sinh và các thông tin khác, rồi chạm vào 「送信」 (Gửi).",
                ]),
                ("tip", "Khi thẻ làm xong, thành phố sẽ gửi bưu thiếp 「交付通知書」 (giấy báo cấp thẻ). Hãy đặt lịch ngày giờ nhận thẻ rồi mới đến quầy."),
                ("warning", ("Không mất tiền", "Đăng ký thẻ My Number không mất tiền. Cuộc gọi hay email đòi tiền là lừa đảo.")),
                ASK,
            ],
        ),
        "pt-br": (
            "Pedir o cartão My Number pelo celular",
            "Como fazer o pedido pelo celular, lendo o código QR do formulário de solicitação.",
            [
                ("paragraph", "<p>O que você precisa</p><ul><li>O formulário de solicitação 「交付申請書」 (o papel com um código QR impresso)</li><li>Um endereço de e-mail</li><li>Uma foto do rosto (dá para tirar com o celular)</li></ul>"),
                ("steps", [
                    ("Leia o código QR do formulário com a câmera do celular.", QR, "A câmera do celular apontada para o código QR no canto inferior direito do formulário de solicitação (交付申請書)."),
                    "Na página que abrir, cadastre seu e-mail.",
                    "Toque no link do e-mail que chegar para abrir a página do pedido.",
                    ("Tire e cadastre uma foto do rosto. Tire num lugar claro, olhando de frente para a câmera.", FACE, "Tela do celular com um rosto de frente dentro de uma moldura pontilhada, com uma luz forte em cima."),
                    "Digite a data de nascimento e os outros dados e toque em 「送信」 (Enviar).",
                ]),
                ("tip", "Quando o cartão ficar pronto, a prefeitura manda pelo correio um cartão-postal 「交付通知書」 (aviso de emissão). Agende o dia e a hora da retirada e depois vá ao guichê."),
                ("warning", ("É de graça", "Pedir o cartão My Number não custa nada. Ligação ou e-mail pedindo dinheiro é golpe.")),
                ASK,
            ],
        ),
    },
)
# fmt: on
