"""LINEで家族に写真を送る: sending photos in a LINE chat, and unsending a wrong one."""

from cms.demo_content.base import ASK, Article

TALK = "line-talk-tab"
PHOTO = "line-photo-button"
SEND = "line-send-button"

# fmt: off
# One block or step a line, so the versions compare line by line.
ARTICLE = Article(
    slug="line-send-photo",
    topic="line",
    level="basic",
    phones=("iphone", "android", "easy"),
    versions={
        "ja": (
            "LINEで家族に写真を送る",
            "LINEのトークで、写真を送る方法です。",
            [
                ("steps", [
                    ("LINEを開いて、下の「トーク」を押します。", TALK, "LINEの画面の下の並び。吹き出しの形の「トーク」が赤い丸で囲まれています。"),
                    "写真を送りたい相手を押します。",
                    ("入力欄の左にある、写真のマーク（山の絵）を押します。", PHOTO, "トークの下の入力欄。左にある山の絵の写真のマークが、赤い丸で囲まれています。"),
                    "送りたい写真を押して選びます。いくつも選べます。",
                    ("右下の紙飛行機のマークを押すと、送られます。", SEND, "写真を選ぶ画面。選んだ2枚に番号がつき、右下の紙飛行機のマークが赤い丸で囲まれています。"),
                ]),
                ("tip", "間違えて送ったときは、写真を長く押して「送信取消」を押します。送ってから24時間以内なら取り消せます。"),
                ASK,
            ],
        ),
        "ja-x-easy": (
            "LINE で 家族に 写真を おくる",
            "LINE の トークで、写真を おくります。",
            [
                ("steps", [
                    ("LINE を ひらきます。下の「トーク」を おします。", TALK, "LINE の 画面の 下です。ふきだしの 形の「トーク」が、赤い 丸で かこんで あります。"),
                    "トークの 一覧です。あいての 名前を おします。",
                    ("下の 左に、山の 絵の マークが あります。この マークを おします。", PHOTO, "字を 書く ところの 左に、山の 絵の マークが あります。赤い 丸で かこんで あります。"),
                    "写真の 画面です。おくる 写真を おします。2まいでも 3まいでも いいです。",
                    ("右下の 紙ひこうきの マークを おします。これで おしまいです。写真が とどきます。", SEND, "写真を えらぶ 画面です。右下の 紙ひこうきの マークが、赤い 丸で かこんで あります。"),
                ]),
                ("tip", "まちがえた ときは、写真を 長く おします。つぎに「送信取消」を おします。とりけせるのは、おくってから 24時間の あいだだけです。"),
                ASK,
            ],
        ),
        "en": (
            "Send a photo to your family on LINE",
            "How to send photos in a LINE chat.",
            [
                ("steps", [
                    ("Open LINE and tap 「トーク」 (Chats) at the bottom. Names in 「」 are what LINE shows when your phone is set to Japanese.", TALK, "The row of buttons at the bottom of LINE. Chats (トーク), a speech-bubble icon, is circled in red."),
                    "Tap the person you want to send the photo to.",
                    ("Tap the picture icon (a mountain) to the left of the text box.", PHOTO, "The text box at the bottom of a chat. The picture icon with a mountain, on its left, is circled in red."),
                    "Tap the photos you want to send to choose them. You can choose several.",
                    ("Tap the paper-plane icon at the bottom right to send them.", SEND, "Choosing photos. The two chosen photos are numbered, and the paper-plane icon at the bottom right is circled in red."),
                ]),
                ("tip", "Sent the wrong photo? Press and hold it, then tap 「送信取消」 (Unsend). You can unsend it within 24 hours of sending."),
                ASK,
            ],
        ),
        "zh-hans": (
            "用LINE给家人发照片",
            "在LINE聊天中发送照片的方法。",
            [
                ("steps", [
                    ("打开LINE，点击下方的「トーク」（聊天）。「」里是手机设为日语时显示的名称。", TALK, "LINE画面下方的一排按钮。对话气泡形状的“聊天（トーク）”被红圈圈出。"),
                    "点击想要发照片的人。",
                    ("点击输入框左边的照片图标（山的图案）。", PHOTO, "聊天画面下方的输入框。左边山形图案的照片图标被红圈圈出。"),
                    "点击选择想发送的照片。可以选择多张。",
                    ("点击右下角的纸飞机图标，照片就发出去了。", SEND, "选择照片的画面。选中的两张照片标上了编号，右下角的纸飞机图标被红圈圈出。"),
                ]),
                ("tip", "发错了的话，长按那张照片，再点击「送信取消」（撤回）。发送后24小时以内可以撤回。"),
                ASK,
            ],
        ),
        "ko": (
            "LINE으로 가족에게 사진 보내기",
            "LINE 채팅방에서 사진을 보내는 방법입니다.",
            [
                ("steps", [
                    ("LINE을 열고 아래의 「トーク」(채팅)을 누릅니다. 「」 안은 스마트폰이 일본어로 설정되어 있을 때 보이는 이름입니다.", TALK, "LINE 화면 아래의 버튼 줄. 말풍선 모양의 채팅(トーク)에 빨간 동그라미가 쳐져 있습니다."),
                    "사진을 보낼 상대를 누릅니다.",
                    ("입력란 왼쪽에 있는 사진 아이콘(산 그림)을 누릅니다.", PHOTO, "채팅방 아래의 입력란. 왼쪽의 산 그림 사진 아이콘에 빨간 동그라미가 쳐져 있습니다."),
                    "보낼 사진을 눌러서 고릅니다. 여러 장 고를 수 있습니다.",
                    ("오른쪽 아래의 종이비행기 아이콘을 누르면 보내집니다.", SEND, "사진을 고르는 화면. 고른 사진 두 장에 번호가 붙어 있고, 오른쪽 아래의 종이비행기 아이콘에 빨간 동그라미가 쳐져 있습니다."),
                ]),
                ("tip", "잘못 보냈을 때는 사진을 길게 누른 뒤 「送信取消」(전송 취소)를 누릅니다. 보낸 뒤 24시간 이내라면 취소할 수 있습니다."),
                ASK,
            ],
        ),
        "vi": (
            "Gửi ảnh cho gia đình qua LINE",
            "Cách gửi ảnh trong cuộc trò chuyện LINE.",
            [
                ("steps", [
                    ("Mở LINE và chạm vào 「トーク」 (Trò chuyện) ở phía dưới. Chữ trong 「」 là tên hiện ra khi điện thoại cài tiếng Nhật.", TALK, "Hàng nút ở phía dưới màn hình LINE. Nút Trò chuyện (トーク) hình bong bóng lời thoại được khoanh tròn màu đỏ."),
                    "Chạm vào tên người mà quý vị muốn gửi ảnh.",
                    ("Chạm vào biểu tượng ảnh (hình ngọn núi) ở bên trái ô nhập chữ.", PHOTO, "Ô nhập chữ ở phía dưới cuộc trò chuyện. Biểu tượng ảnh hình ngọn núi ở bên trái được khoanh tròn màu đỏ."),
                    "Chạm vào những ảnh muốn gửi để chọn. Có thể chọn nhiều ảnh.",
                    ("Chạm vào biểu tượng máy bay giấy ở góc dưới bên phải để gửi.", SEND, "Màn hình chọn ảnh. Hai ảnh đã chọn được đánh số, biểu tượng máy bay giấy ở góc dưới bên phải được khoanh tròn màu đỏ."),
                ]),
                ("tip", "Nếu gửi nhầm, hãy chạm và giữ ảnh đó, rồi chạm vào 「送信取消」 (Thu hồi). Có thể thu hồi trong vòng 24 giờ sau khi gửi."),
                ASK,
            ],
        ),
        "pt-br": (
            "Enviar uma foto para a família pelo LINE",
            "Como enviar fotos numa conversa do LINE.",
            [
                ("steps", [
                    ("Abra o LINE e toque em 「トーク」 (Conversas), embaixo. Os nomes entre 「」 são os que aparecem com o celular em japonês.", TALK, "A fileira de botões na parte de baixo do LINE. Conversas (トーク), um ícone de balão de fala, está circulado em vermelho."),
                    "Toque no nome da pessoa para quem você quer mandar a foto.",
                    ("Toque no ícone de foto (uma montanha), à esquerda da caixa de texto.", PHOTO, "A caixa de texto embaixo da conversa. O ícone de foto com uma montanha, à esquerda, está circulado em vermelho."),
                    "Toque nas fotos que quer enviar para escolhê-las. Dá para escolher várias.",
                    ("Toque no aviãozinho de papel, embaixo à direita, para enviar.", SEND, "Tela de escolher fotos. As duas fotos escolhidas estão numeradas e o aviãozinho de papel, embaixo à direita, está circulado em vermelho."),
                ]),
                ("tip", "Mandou a foto errada? Toque nela e segure, depois toque em 「送信取消」 (Cancelar envio). Dá para cancelar até 24 horas depois de enviar."),
                ASK,
            ],
        ),
    },
)
# fmt: on
