"""マイナンバーカードを保険証として使う: the My Number Card at a hospital's reception machine."""

from cms.demo_content.base import ASK, Article

READER = "card-reader"
CHOICE = "card-reader-choice"
DONE = "card-reader-done"

# fmt: off
# One block or step a line, so the versions compare line by line.
ARTICLE = Article(
    slug="health-insurance-card",
    topic="mynaportal",
    level="applied",
    phones=("iphone", "android", "easy"),
    versions={
        "ja": (
            "マイナンバーカードを保険証として使う",
            "病院や薬局の受付で、マイナンバーカードを保険証として使う方法です。",
            [
                ("paragraph", "<p>はじめに、保険証として使う登録が必要です。登録は、マイナポータルのアプリか、病院の受付にある機械でできます。</p>"),
                ("heading", "病院の受付で"),
                ("steps", [
                    ("受付の機械に、マイナンバーカードを置きます。", READER, "病院の受付の機械。画面の下の置き場所に、マイナンバーカードが置かれています。"),
                    ("「顔認証」か「暗証番号」を選びます。顔を画面に向けるか、4けたの暗証番号を入力します。", CHOICE, "機械の画面に「顔認証」と「暗証番号」の2つのボタンが出ています。"),
                    "画面の質問に答えます。前に出された薬の情報を、医師に見せるかどうかなどです。",
                    ("「受付が完了しました」と出たら、カードを取ります。", DONE, "機械の画面に「受付が完了しました」と出ています。"),
                ]),
                ("tip", "4けたの暗証番号を3回続けて間違えると、使えなくなります。市役所の窓口で、元に戻せます。"),
                ASK,
            ],
        ),
        "ja-x-easy": (
            "マイナンバーカードを 保険証に する",
            "病院や 薬局の 受付で、マイナンバーカードを 保険証に して つかいます。",
            [
                ("paragraph", "<p>はじめに、保険証に する とうろくを します。マイナポータルの アプリか、病院の 受付の きかいで できます。</p>"),
                ("heading", "病院の 受付で"),
                ("steps", [
                    ("受付の きかいに、マイナンバーカードを おきます。", READER, "病院の 受付の きかいです。画面の 下に、マイナンバーカードが おいて あります。"),
                    ("「顔認証」か「暗証番号」を えらびます。顔を 画面に むけるか、4つの 数字の 暗証番号を 入れます。", CHOICE, "きかいの 画面に「顔認証」と「暗証番号」の ボタンが あります。"),
                    "画面の しつもんに こたえます。たとえば、前に もらった 薬の ことを、お医者さんに 見せるか どうかです。",
                    ("「受付が完了しました」と 出たら、カードを とります。", DONE, "きかいの 画面に「受付が完了しました」と 出て います。"),
                ]),
                ("tip", "暗証番号を 3回 つづけて まちがえると、つかえなく なります。市役所の まどぐちで、もとに もどせます。"),
                ASK,
            ],
        ),
        "en": (
            "Use your My Number Card as your health insurance card",
            "How to use your My Number Card as your health insurance card at the reception of a hospital or pharmacy.",
            [
                ("paragraph", "<p>First the card must be registered for use as a health insurance card. You can do this in the 「マイナポータル」 (Mynaportal) app or on the machine at a hospital's reception.</p>"),
                ("heading", "At the hospital reception"),
                ("steps", [
                    ("Place your My Number Card on the reception machine.", READER, "A hospital reception machine, with a My Number Card placed in the holder below its screen."),
                    ("Choose 「顔認証」 (face recognition) or 「暗証番号」 (PIN). Then face the screen, or enter your 4-digit PIN.", CHOICE, "The machine's screen with two buttons: face recognition (顔認証) and PIN (暗証番号)."),
                    "Answer the questions on the screen, for example whether the doctor may see the medicines you were given before.",
                    ("When it shows 「受付が完了しました」 (Check-in complete), take your card.", DONE, "The machine's screen saying check-in complete (受付が完了しました)."),
                ]),
                ("tip", "If you enter the wrong 4-digit PIN 3 times in a row, the card can no longer be used. The counter at the city office can restore it."),
                ASK,
            ],
        ),
        "zh-hans": (
            "把个人编号卡当作健康保险证使用",
            "在医院或药店的挂号处，把个人编号卡当作健康保险证使用的方法。",
            [
                ("paragraph", "<p>首先需要进行登记，才能把卡当作保险证使用。可以在「マイナポータル」（My Number门户）应用里登记，也可以在医院挂号处的机器上登记。</p>"),
                ("heading", "在医院挂号处"),
                ("steps", [
                    ("把个人编号卡放在挂号处的机器上。", READER, "医院挂号处的机器，屏幕下方的放卡处放着个人编号卡。"),
                    ("选择「顔認証」（人脸识别）或「暗証番号」（密码）。然后把脸对着屏幕，或者输入4位数的密码。", CHOICE, "机器屏幕上有两个按钮：人脸识别（顔認証）和密码（暗証番号）。"),
                    "回答屏幕上的问题，比如是否让医生查看以前开过的药的信息。",
                    ("显示「受付が完了しました」（挂号完成）后，取回您的卡。", DONE, "机器屏幕上显示着挂号完成（受付が完了しました）。"),
                ]),
                ("tip", "4位数的密码连续输错3次，卡就不能用了。可以到市政府的窗口办理，恢复使用。"),
                ASK,
            ],
        ),
        "ko": (
            "마이넘버 카드를 건강보험증으로 사용하기",
            "병원이나 약국 접수처에서 마이넘버 카드를 건강보험증으로 사용하는 방법입니다.",
            [
                ("paragraph", "<p>먼저 보험증으로 쓰기 위한 등록이 필요합니다. 등록은 「マイナポータル」(마이나포털) 앱이나 병원 접수처에 있는 기계에서 할 수 있습니다.</p>"),
                ("heading", "병원 접수처에서"),
                ("steps", [
                    ("접수처 기계에 마이넘버 카드를 올려놓습니다.", READER, "병원 접수처의 기계. 화면 아래 카드 놓는 곳에 마이넘버 카드가 놓여 있습니다."),
                    ("「顔認証」(얼굴 인증)이나 「暗証番号」(비밀번호)를 고릅니다. 화면을 바라보거나 4자리 비밀번호를 입력합니다.", CHOICE, "기계 화면에 얼굴 인증(顔認証)과 비밀번호(暗証番号) 두 버튼이 있습니다."),
                    "화면의 질문에 답합니다. 예를 들면 이전에 처방받은 약의 정보를 의사에게 보여 줄지 등을 묻습니다.",
                    ("「受付が完了しました」(접수가 완료되었습니다)라고 나오면 카드를 챙깁니다.", DONE, "기계 화면에 접수가 완료되었습니다(受付が完了しました)라고 나와 있습니다."),
                ]),
                ("tip", "4자리 비밀번호를 3번 연속으로 틀리면 쓸 수 없게 됩니다. 시청 창구에서 다시 쓸 수 있게 해 드립니다."),
                ASK,
            ],
        ),
        "vi": (
            "Dùng thẻ My Number làm thẻ bảo hiểm y tế",
            "Cách dùng thẻ My Number làm thẻ bảo hiểm y tế tại quầy tiếp nhận của bệnh viện hoặc nhà thuốc.",
            [
                ("paragraph", "<p>Trước hết, quý vị cần đăng ký để dùng thẻ làm thẻ bảo hiểm. Có thể đăng ký trên ứng dụng 「マイナポータル」 (Mynaportal) hoặc trên máy ở quầy tiếp nhận của bệnh viện.</p>"),
                ("heading", "Tại quầy tiếp nhận của bệnh viện"),
                ("steps", [
                    ("Đặt thẻ My Number lên máy ở quầy tiếp nhận.", READER, "Máy ở quầy tiếp nhận của bệnh viện, thẻ My Number được đặt ở chỗ để thẻ bên dưới màn hình."),
                    ("Chọn 「顔認証」 (Nhận diện khuôn mặt) hoặc 「暗証番号」 (Mã PIN). Sau đó, nhìn thẳng vào màn hình hoặc nhập mã PIN 4 chữ số.", CHOICE, "Màn hình của máy có hai nút: Nhận diện khuôn mặt (顔認証) và Mã PIN (暗証番号)."),
                    "Trả lời các câu hỏi trên màn hình, ví dụ có cho bác sĩ xem thông tin thuốc đã được kê trước đây hay không.",
                    ("Khi màn hình hiện 「受付が完了しました」 (Đã tiếp nhận xong), hãy lấy thẻ ra.", DONE, "Màn hình của máy hiện Đã tiếp nhận xong (受付が完了しました)."),
                ]),
                ("tip", "Nếu nhập sai mã PIN 4 chữ số 3 lần liên tiếp, thẻ sẽ không dùng được nữa. Quầy ở tòa thị chính có thể giúp quý vị khôi phục lại."),
                ASK,
            ],
        ),
        "pt-br": (
            "Usar o cartão My Number como cartão do seguro de saúde",
            "Como usar o cartão My Number como cartão do seguro de saúde na recepção do hospital ou da farmácia.",
            [
                ("paragraph", "<p>Primeiro, é preciso cadastrar o cartão para usá-lo como cartão do seguro. Você pode fazer isso no aplicativo 「マイナポータル」 (Mynaportal) ou na máquina da recepção do hospital.</p>"),
                ("heading", "Na recepção do hospital"),
                ("steps", [
                    ("Coloque o cartão My Number na máquina da recepção.", READER, "A máquina da recepção do hospital, com o cartão My Number colocado no suporte abaixo da tela."),
                    ("Escolha 「顔認証」 (reconhecimento facial) ou 「暗証番号」 (senha). Depois, olhe para a tela ou digite sua senha de 4 dígitos.", CHOICE, "A tela da máquina com dois botões: reconhecimento facial (顔認証) e senha (暗証番号)."),
                    "Responda às perguntas da tela, por exemplo, se o médico pode ver as informações dos remédios que você já recebeu.",
                    ("Quando aparecer 「受付が完了しました」 (Recepção concluída), retire o cartão.", DONE, "A tela da máquina dizendo recepção concluída (受付が完了しました)."),
                ]),
                ("tip", "Se errar a senha de 4 dígitos 3 vezes seguidas, o cartão fica bloqueado. O guichê da prefeitura pode desbloqueá-lo."),
                ASK,
            ],
        ),
    },
)
# fmt: on
