"""写真を撮って、あとで見る: taking a photo with the camera and finding it again."""

from cms.demo_content.base import ASK, Article

SHUTTER = "camera-shutter"
THUMBNAIL = "camera-thumbnail"

# fmt: off
# One block or step a line, so the versions compare line by line.
ARTICLE = Article(
    slug="take-photo",
    topic="calls-camera",
    level="basic",
    phones=("iphone", "android", "easy"),
    versions={
        "ja": (
            "写真を撮って、あとで見る",
            "カメラで写真を撮って、「写真」のアプリで見る方法です。",
            [
                ("steps", [
                    "「カメラ」のアプリを開きます。",
                    "撮りたいものに、スマホを向けます。",
                    ("画面の下の、白くて丸いボタンを押します。", SHUTTER, "カメラの画面。下の真ん中の白くて丸いボタンが、赤い丸で囲まれています。"),
                    ("左下の小さな四角を押すと、撮った写真が見られます。", THUMBNAIL, "カメラの画面。左下の、撮った写真が小さく出ている四角が、赤い丸で囲まれています。"),
                ]),
                ("tip", "写真が暗いときは、画面の明るくしたい所を押してみてください。"),
                ASK,
            ],
        ),
        "ja-x-easy": (
            "写真を とって、あとで 見る",
            "カメラで 写真を とります。「写真」の アプリで 見ます。",
            [
                ("steps", [
                    "「カメラ」の アプリを ひらきます。",
                    "とりたい ものに、スマホを むけます。",
                    ("画面の 下の、白くて 丸い ボタンを おします。", SHUTTER, "カメラの 画面です。下の まん中の 白くて 丸い ボタンが、赤い 丸で かこんで あります。"),
                    ("左下の 小さい 四角を おします。とった 写真が 見られます。", THUMBNAIL, "カメラの 画面です。左下の 小さい 四角が、赤い 丸で かこんで あります。"),
                ]),
                ("tip", "写真が くらい ときは、画面の 明るく したい ところを おして みましょう。"),
                ASK,
            ],
        ),
        "en": (
            "Take a photo and look at it later",
            "How to take a photo with the camera and look at it in the Photos app.",
            [
                ("steps", [
                    "Open the 「カメラ」 (Camera) app. Names in 「」 are what the phone shows when it is set to Japanese.",
                    "Point your phone at what you want to photograph.",
                    ("Tap the round white button at the bottom of the screen.", SHUTTER, "The camera screen. The round white button at the bottom centre is circled in red."),
                    ("Tap the small square at the bottom left to see the photo you took.", THUMBNAIL, "The camera screen. The small square at the bottom left, showing the last photo, is circled in red."),
                ]),
                ("tip", "If a photo is too dark, tap the part of the screen you want brighter."),
                ASK,
            ],
        ),
        "zh-hans": (
            "拍照，以后再看",
            "用相机拍照，再用“照片”应用查看的方法。",
            [
                ("steps", [
                    "打开「カメラ」（相机）应用。「」里是手机设为日语时显示的名称。",
                    "把手机对准想拍的东西。",
                    ("按屏幕下方白色的圆形按钮。", SHUTTER, "相机画面。下方正中间白色的圆形按钮被红圈圈出。"),
                    ("点击左下角的小方块，就能看到拍好的照片。", THUMBNAIL, "相机画面。左下角显示着刚拍的照片的小方块被红圈圈出。"),
                ]),
                ("tip", "照片太暗时，试着点一下屏幕上想变亮的地方。"),
                ASK,
            ],
        ),
        "ko": (
            "사진을 찍고 나중에 보기",
            "카메라로 사진을 찍고 사진 앱에서 보는 방법입니다.",
            [
                ("steps", [
                    "「カメラ」(카메라) 앱을 엽니다. 「」 안은 스마트폰이 일본어로 설정되어 있을 때 보이는 이름입니다.",
                    "찍고 싶은 것에 스마트폰 카메라를 향하게 합니다.",
                    ("화면 아래의 하얗고 동그란 버튼을 누릅니다.", SHUTTER, "카메라 화면. 아래 가운데의 하얗고 동그란 버튼에 빨간 동그라미가 쳐져 있습니다."),
                    ("왼쪽 아래의 작은 네모를 누르면 찍은 사진을 볼 수 있습니다.", THUMBNAIL, "카메라 화면. 찍은 사진이 작게 보이는 왼쪽 아래 네모에 빨간 동그라미가 쳐져 있습니다."),
                ]),
                ("tip", "사진이 어두울 때는 화면에서 밝게 하고 싶은 곳을 눌러 보세요."),
                ASK,
            ],
        ),
        "vi": (
            "Chụp ảnh và xem lại sau",
            "Cách chụp ảnh bằng camera và xem trong ứng dụng Ảnh.",
            [
                ("steps", [
                    "Mở ứng dụng 「カメラ」 (Camera). Chữ trong 「」 là tên hiện ra khi điện thoại cài tiếng Nhật.",
                    "Hướng điện thoại vào thứ quý vị muốn chụp.",
                    ("Chạm vào nút tròn màu trắng ở phía dưới màn hình.", SHUTTER, "Màn hình camera. Nút tròn màu trắng ở giữa phía dưới được khoanh tròn màu đỏ."),
                    ("Chạm vào ô vuông nhỏ ở góc dưới bên trái để xem ảnh vừa chụp.", THUMBNAIL, "Màn hình camera. Ô vuông nhỏ ở góc dưới bên trái, có ảnh vừa chụp, được khoanh tròn màu đỏ."),
                ]),
                ("tip", "Nếu ảnh bị tối, hãy thử chạm vào chỗ trên màn hình mà quý vị muốn sáng hơn."),
                ASK,
            ],
        ),
        "pt-br": (
            "Tirar uma foto e ver depois",
            "Como tirar uma foto com a câmera e vê-la no aplicativo de fotos.",
            [
                ("steps", [
                    "Abra o aplicativo 「カメラ」 (Câmera). Os nomes entre 「」 são os que aparecem com o celular em japonês.",
                    "Aponte o celular para o que quer fotografar.",
                    ("Toque no botão branco e redondo, embaixo na tela.", SHUTTER, "A tela da câmera. O botão branco e redondo, embaixo no meio, está circulado em vermelho."),
                    ("Toque no quadradinho embaixo à esquerda para ver a foto que tirou.", THUMBNAIL, "A tela da câmera. O quadradinho embaixo à esquerda, com a última foto, está circulado em vermelho."),
                ]),
                ("tip", "Se a foto ficar escura, toque no lugar da tela que você quer mais claro."),
                ASK,
            ],
        ),
    },
)
# fmt: on
