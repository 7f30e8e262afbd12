"""お店でスマホで支払う（コード決済）: paying in a shop with a code payment app."""

from cms.demo_content.base import ASK, Article

BARCODE = "pay-show-barcode"
DONE = "pay-done"

# fmt: off
# One block or step a line, so the versions compare line by line.
ARTICLE = Article(
    slug="pay-with-phone",
    topic="cashless",
    level="applied",
    phones=("iphone", "android"),
    versions={
        "ja": (
            "お店でスマホで支払う（コード決済）",
            "PayPayなどのコード決済で、お店で支払う方法です。",
            [
                ("steps", [
                    "支払いに使うアプリを開きます。",
                    "お店の人に「PayPayで」のように、使うアプリを伝えます。",
                    ("画面のバーコードを、お店の人に見せます。", BARCODE, "スマホの画面にバーコードとQRコードが出ていて、お店の読み取り機に向けています。"),
                    ("音が鳴って、画面に金額が出たら終わりです。金額をお店の人と確かめます。", DONE, "「支払い完了」と金額「500円」が出ているスマホの画面。"),
                ]),
                ("paragraph", "<p>お店のQRコードを読み取るお店では、アプリの「スキャン」を押して読み取り、金額を入力してから、お店の人に画面を見せます。</p>"),
                ("warning", ("暗証番号は教えないで", "アプリの暗証番号やパスワードは、家族にも、お店の人にも教えないでください。")),
                ("tip", "チャージ（入金）は、使う分だけにすると安心です。"),
                ASK,
            ],
        ),
        "ja-x-easy": (
            "お店で スマホで はらう",
            "PayPay などの アプリで、お店で お金を はらう 方法です。",
            [
                ("steps", [
                    "お金を はらう アプリを ひらきます。",
                    "お店の 人に「PayPay で」の ように、つかう アプリの 名前を 言います。",
                    ("画面の バーコードを、お店の 人に 見せます。", BARCODE, "スマホの 画面に バーコードが 出て います。お店の きかいに むけて います。"),
                    ("音が なって、画面に お金の 数字が 出たら おわりです。お店の 人と いっしょに、数字が 正しいか たしかめます。", DONE, "スマホの 画面に「支払い完了」と「500円」が 出て います。"),
                ]),
                ("paragraph", "<p>お店の QRコードを 読む お店も あります。その ときは、アプリの「スキャン」を おして QRコードを 読みます。お金の 数字を 書いて、お店の 人に 画面を 見せます。</p>"),
                ("warning", ("ばんごうは ひみつです", "アプリの 暗証番号や パスワードは、家族にも、お店の 人にも 教えないで ください。")),
                ("tip", "スマホに 入れる お金（チャージ）は、つかう 分だけに すると あんしんです。"),
                ASK,
            ],
        ),
        "en": (
            "Pay in a shop with your phone (code payment)",
            "How to pay in a shop with a code payment app such as PayPay.",
            [
                ("steps", [
                    "Open the app you pay with.",
                    "Tell the shop staff which app you will use, for example 「PayPayで」 (“With PayPay”).",
                    ("Show the barcode on the screen to the shop staff.", BARCODE, "A phone screen showing a barcode and a QR code, held up to the shop's scanner."),
                    ("When it beeps and the amount appears on the screen, you have paid. Check the amount with the shop staff.", DONE, "A phone screen showing Payment complete (支払い完了) and the amount, 500 yen."),
                ]),
                ("paragraph", "<p>In shops where you scan the shop's QR code, tap 「スキャン」 (Scan) in the app and scan the code, enter the amount, then show the screen to the shop staff.</p>"),
                ("warning", ("Never tell anyone your PIN", "Do not tell anyone the app's PIN or password, not even your family or the shop staff.")),
                ("tip", "Top up 「チャージ」 (charge) only as much as you are going to spend: it is safer."),
                ASK,
            ],
        ),
        "zh-hans": (
            "在店里用手机付款（扫码支付）",
            "在店里用PayPay等扫码支付付款的方法。",
            [
                ("steps", [
                    "打开用来付款的应用。",
                    "告诉店员要用哪个应用，比如说「PayPayで」（用PayPay）。",
                    ("把屏幕上的条形码给店员看。", BARCODE, "手机屏幕上显示着条形码和二维码，对着店里的扫码器。"),
                    ("听到提示音、屏幕上显示金额，就付好了。请和店员核对金额。", DONE, "手机屏幕上显示着“支付完成（支払い完了）”和金额500日元。"),
                ]),
                ("paragraph", "<p>在需要扫描店家二维码的店里，点击应用里的「スキャン」（扫描）扫码，输入金额后，把屏幕给店员看。</p>"),
                ("warning", ("不要把密码告诉别人", "应用的密码（PIN码）和登录密码，即使是家人或店员，也不要告诉。")),
                ("tip", "「チャージ」（充值）时只充要用的金额，比较放心。"),
                ASK,
            ],
        ),
        "ko": (
            "가게에서 스마트폰으로 결제하기(코드 결제)",
            "PayPay 같은 코드 결제로 가게에서 결제하는 방법입니다.",
            [
                ("steps", [
                    "결제에 쓰는 앱을 엽니다.",
                    "가게 직원에게 「PayPayで」(PayPay로요)처럼 쓸 앱을 말합니다.",
                    ("화면의 바코드를 가게 직원에게 보여 줍니다.", BARCODE, "스마트폰 화면에 바코드와 QR코드가 나와 있고, 가게의 스캐너 쪽을 향해 있습니다."),
                    ("소리가 나고 화면에 금액이 나오면 끝입니다. 금액을 가게 직원과 함께 확인합니다.", DONE, "결제 완료(支払い完了)와 금액 500엔이 나온 스마트폰 화면."),
                ]),
                ("paragraph", "<p>가게에 놓인 QR코드를 손님이 읽는 가게에서는 앱의 「スキャン」(스캔)을 눌러 QR코드를 읽고, 금액을 입력한 뒤 가게 직원에게 화면을 보여 줍니다.</p>"),
                ("warning", ("비밀번호는 알려 주지 마세요", "앱의 비밀번호(PIN)나 패스워드는 가족에게도, 가게 직원에게도 알려 주지 마세요.")),
                ("tip", "「チャージ」(충전)은 쓸 만큼만 해 두면 안심할 수 있습니다."),
                ASK,
            ],
        ),
        "vi": (
            "Thanh toán ở cửa hàng bằng điện thoại (thanh toán bằng mã)",
            "Cách thanh toán ở cửa hàng bằng ứng dụng thanh toán bằng mã như PayPay.",
            [
                ("steps", [
                    "Mở ứng dụng mà quý vị dùng để thanh toán.",
                    "Nói cho nhân viên cửa hàng biết quý vị dùng ứng dụng nào, ví dụ 「PayPayで」 (“Bằng PayPay”).",
                    ("Cho nhân viên cửa hàng xem mã vạch trên màn hình.", BARCODE, "Màn hình điện thoại hiện mã vạch và mã QR, đang đưa về phía máy quét của cửa hàng."),
                    ("Khi có tiếng báo và số tiền hiện lên màn hình là xong. Hãy cùng nhân viên kiểm tra số tiền.", DONE, "Màn hình điện thoại hiện Thanh toán xong (支払い完了) và số tiền 500 yên."),
                ]),
                ("paragraph", "<p>Ở những cửa hàng yêu cầu quét mã QR của cửa hàng, hãy chạm vào 「スキャン」 (Quét) trong ứng dụng để quét mã, nhập số tiền, rồi đưa màn hình cho nhân viên xem.</p>"),
                ("warning", ("Đừng nói mã PIN cho ai", "Đừng nói mã PIN hay mật khẩu của ứng dụng cho bất kỳ ai, kể cả gia đình hay nhân viên cửa hàng.")),
                ("tip", "Chỉ nên 「チャージ」 (nạp tiền) vừa đủ số tiền sẽ dùng, như vậy sẽ yên tâm hơn."),
                ASK,
            ],
        ),
        "pt-br": (
            "Pagar na loja com o celular (pagamento por código)",
            "Como pagar numa loja com um aplicativo de pagamento por código, como o PayPay.",
            [
                ("steps", [
                    "Abra o aplicativo que você usa para pagar.",
                    "Diga ao atendente qual aplicativo vai usar, por exemplo 「PayPayで」 (“Com PayPay”).",
                    ("Mostre o código de barras da tela ao atendente.", BARCODE, "Tela do celular com um código de barras e um código QR, virada para o leitor da loja."),
                    ("Quando apitar e o valor aparecer na tela, está pago. Confira o valor com o atendente.", DONE, "Tela do celular mostrando Pagamento concluído (支払い完了) e o valor de 500 ienes."),
                ]),
                ("paragraph", "<p>Nas lojas em que você lê o código QR da loja, toque em 「スキャン」 (Escanear) no aplicativo, leia o código, digite o valor e mostre a tela ao atendente.</p>"),
                ("warning", ("Não conte sua senha a ninguém", "Não diga a senha (PIN) do aplicativo a ninguém, nem à família nem ao atendente.")),
                ("tip", "Faça a 「チャージ」 (recarga) só do valor que vai gastar: é mais seguro."),
                ASK,
            ],
        ),
    },
)
# fmt: on
