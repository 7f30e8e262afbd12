"""import_staff: HR's staff file in, the staff list out — all of it or nothing."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import AuditEvent, Department, JobGrade, User
from core.roles import Role
from tests.factories import DepartmentFactory, UserFactory

HEADER = "職員番号,氏名,ふりがな,所属コード,所属名,職位,メールアドレス,採用日"
ROWS = [
    "100101,相模 花子,さがみ はなこ,011000,DX推進課,係長級,hanako@city.example.jp,2009-04-01",
    "100102,津久井 太郎,つくい たろう,011000,DX推進課,主事・技師,taro@city.example.jp,2021/4/1",
    "100103,藤野 さくら,ふじの さくら,032000,高齢者支援課,主任,sakura@city.example.jp,",
]
EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "hr-staff.csv"
WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


@pytest.fixture
def hr_file(tmp_path):
    """hr_file(rows, encoding="utf-8", header=HEADER) -> the path of a CSV file."""

    def make(rows, encoding="utf-8", header=HEADER):
        path = tmp_path / "staff.csv"
        path.write_bytes("\r\n".join([header, *rows]).encode(encoding) + b"\r\n")
        return path

    return make


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_staff", str(path), *args, stdout=out, stderr=err)
    return out.getvalue()


def run_failing(path, *args):
    err = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_staff", str(path), *args, stdout=io.StringIO(), stderr=err)
    return str(failure.value), err.getvalue()


def staff_snapshot():
    return sorted(
        User.objects.values_list(
            "staff_number", "email", "display_name", "department__code", "job_grade", "is_active"
        ),
        key=str,
    )


def test_first_import_adds_staff_as_learners_without_a_password(db, hr_file):
    out = run(hr_file(ROWS))

    hanako = User.objects.get(staff_number="100101")
    assert hanako.email == "hanako@city.example.jp"
    assert hanako.display_name == "相模 花子"
    assert hanako.name_kana == "さがみ はなこ"
    assert hanako.department.name == "DX推進課"
    assert hanako.job_grade == JobGrade.CHIEF
    assert str(hanako.joined_on) == "2009-04-01"
    assert not hanako.has_usable_password()
    assert list(hanako.groups.values_list("name", flat=True)) == [Role.STAFF_LEARNER]
    assert str(User.objects.get(staff_number="100102").joined_on) == "2021-04-01"
    assert User.objects.get(staff_number="100103").joined_on is None
    assert dict(Department.objects.values_list("code", "name")) == {
        "011000": "DX推進課",
        "032000": "高齢者支援課",
    }
    assert "合計: 追加 3 人、変更 0 人、無効 0 人、変更なし 0 人" in out
    event = AuditEvent.objects.get(action="staff_import")
    assert event.detail["added"] == 3
    assert event.detail["mode"] == "full"


def test_a_second_run_of_the_same_file_changes_nothing_and_writes_nothing(db, hr_file):
    path = hr_file(ROWS)
    run(path)
    before = staff_snapshot()

    with CaptureQueriesContext(connection) as queries:
        out = run(path)

    writes = [q["sql"] for q in queries.captured_queries if WRITES.match(q["sql"])]
    assert writes == []
    assert "変更はありません。" in out
    assert "変更なし 3 人" in out
    assert staff_snapshot() == before
    assert AuditEvent.objects.filter(action="staff_import").count() == 1


def test_a_transfer_and_a_renamed_department_are_shown_old_to_new_and_applied(db, hr_file):
    run(hr_file(ROWS))
    changed = [
        ROWS[0].replace("011000,DX推進課", "032000,高齢者支援課"),
        ROWS[1].replace("DX推進課", "デジタル推進課"),
        ROWS[2],
    ]

    out = run(hr_file(changed))

    assert "変更: 100101 相模 花子: 所属 DX推進課 → 高齢者支援課" in out
    assert "所属名を変更: 011000 DX推進課 → デジタル推進課" in out
    assert User.objects.get(staff_number="100101").department.code == "032000"
    assert User.objects.get(staff_number="100102").department.name == "デジタル推進課"
    assert Department.objects.count() == 2


def test_a_leaver_is_deactivated_and_kept(db, hr_file):
    run(hr_file(ROWS))

    out = run(hr_file(ROWS[:2]))

    leaver = User.objects.get(staff_number="100103")
    assert leaver.is_active is False
    assert leaver.email == "sakura@city.example.jp"
    assert "無効にする: 100103 藤野 さくら（ファイルにありません）" in out
    assert AuditEvent.objects.filter(action="staff_import").first().detail["deactivated"] == [
        "100103"
    ]


def test_a_returning_member_of_staff_is_active_again(db, hr_file):
    run(hr_file(ROWS))
    run(hr_file(ROWS[:2]))

    out = run(hr_file(ROWS))

    assert User.objects.get(staff_number="100103").is_active is True
    assert "有効 無効 → 有効" in out


def test_accounts_without_a_staff_number_are_never_deactivated(db, hr_file, coordinator):
    run(hr_file(ROWS))
    coordinator.refresh_from_db()
    assert coordinator.is_active is True


def test_a_partial_file_deactivates_nobody(db, hr_file):
    run(hr_file(ROWS))

    out = run(hr_file(ROWS[:1]), "--partial")

    assert User.objects.filter(is_active=True).count() == 3
    assert "一部のファイル（--partial）" in out


def test_a_cut_short_file_is_refused_unless_mass_deactivation_is_allowed(db, hr_file):
    rows = [
        f"2000{n:02d},職員 {n},しょくいん,011000,DX推進課,主事,s{n}@city.example.jp,2020-04-01"
        for n in range(60)
    ]
    run(hr_file(rows))

    # 60 active staff: up to 6 may leave in one file; 10 is refused.
    message, _err = run_failing(hr_file(rows[:50]))
    assert "60 人のうち 10 人が無効になります（上限 6 人）" in message
    assert User.objects.filter(is_active=True).count() == 60

    run(hr_file(rows[:50]), "--allow-mass-deactivation")
    assert User.objects.filter(is_active=True).count() == 50


def test_bad_rows_are_listed_with_their_line_numbers_and_nothing_is_written(db, hr_file):
    run(hr_file(ROWS))
    UserFactory(email="volunteer@example.jp")
    before = staff_snapshot()
    bad = [
        ROWS[0].replace("係長級", "係長"),  # line 2: fine ("係長" is 係長級)
        ",名無し,,011000,DX推進課,主事,noname@city.example.jp,",  # 3: no staff number
        "100105,上溝 由美,,011000,DX推進課,主事,yumi@@city,",  # 4: bad email
        "100106,相武台 翔,,011000,DX推進課,社長,sho@city.example.jp,",  # 5: unknown grade
        "100101,相模 花子,,011000,DX推進課,主事,other@city.example.jp,",  # 6: staff no. twice
        "100107,大沢 恵子,,011000,DX推進課,主事,hanako@city.example.jp,",  # 7: email twice
        "100108,橋本 誠,,011000,DX推進課,主事,volunteer@example.jp,",  # 8: another account's
        "100109,大野 台,,011000,DX推進課,主事,dai@city.example.jp,2025-13-01",  # 9: bad date
        "100110,田名 光,,011000,総務課,主事,hikaru@city.example.jp,",  # 10: code, other name
    ]

    message, err = run_failing(hr_file(bad))

    assert "問題のある行が 8 件あるため、何も書き込みませんでした。" in message
    lines = [int(m) for m in re.findall(r"^(\d+) 行目", err, re.MULTILINE)]
    assert lines == [3, 4, 5, 6, 7, 8, 9, 10]
    assert "3 行目: 職員番号がありません。" in err
    assert "4 行目: メールアドレス「yumi@@city」の形式が正しくありません。" in err
    assert "5 行目: 職位「社長」は登録されていません。" in err
    assert "6 行目: 職員番号 100101 は 2 行目にもあります。" in err
    assert "7 行目: メールアドレス hanako@city.example.jp は 2 行目にもあります。" in err
    assert (
        "8 行目: メールアドレス volunteer@example.jp は職員番号のないアカウントが使っています"
        in err
    )
    assert "9 行目: 採用日「2025-13-01」が読めません" in err
    assert "10 行目: 所属コード 011000 の所属名が 2 行目（DX推進課）と違います。" in err
    assert staff_snapshot() == before


def test_a_shift_jis_file_from_excel_is_read(db, hr_file):
    # 髙 and ① exist only in cp932 (Microsoft's Shift_JIS), as Excel writes it.
    rows = [
        *ROWS,
        "100104,髙橋 一郎,たかはし いちろう,041000,市民課①,課長級,ichiro@city.example.jp,",
    ]

    out = run(hr_file(rows, encoding="cp932"))

    assert "文字コード cp932" in out
    assert User.objects.get(staff_number="100104").display_name == "髙橋 一郎"
    assert Department.objects.get(code="041000").name == "市民課1"  # ① read as 1 (NFKC)


def test_a_utf8_file_with_a_bom_and_english_headers_is_read(db, hr_file):
    header = "staff_number,name,kana,department_code,department_name,job_grade,email,joined_on"
    run(hr_file(ROWS, encoding="utf-8-sig", header=header))
    assert User.objects.filter(staff_number__in=["100101", "100102", "100103"]).count() == 3


def test_a_dry_run_prints_every_change_and_writes_nothing(db, hr_file):
    run(hr_file(ROWS))
    before = staff_snapshot()
    events = AuditEvent.objects.count()
    changed = [
        ROWS[0].replace("係長級", "課長補佐級"),
        ROWS[1],
        "100104,上溝 由美,かみみぞ ゆみ,041000,市民課,主事,yumi@city.example.jp,2025-04-01",
    ]

    with CaptureQueriesContext(connection) as queries:
        out = run(hr_file(changed), "--dry-run")

    assert [q["sql"] for q in queries.captured_queries if WRITES.match(q["sql"])] == []
    assert "所属を追加: 041000 市民課" in out
    assert "追加: 100104 上溝 由美 <yumi@city.example.jp>（市民課・主事・技師）" in out
    assert "変更: 100101 相模 花子: 職位 係長級 → 課長補佐級" in out
    assert "無効にする: 100103 藤野 さくら" in out
    assert "試しの実行です。何も書き込んでいません。" in out
    assert staff_snapshot() == before
    assert AuditEvent.objects.count() == events


def test_two_members_of_staff_may_swap_email_addresses(db, hr_file):
    run(hr_file(ROWS))
    swapped = [
        ROWS[0].replace("hanako@", "taro@"),
        ROWS[1].replace("taro@", "hanako@"),
        ROWS[2],
    ]

    run(hr_file(swapped))

    assert User.objects.get(staff_number="100101").email == "taro@city.example.jp"
    assert User.objects.get(staff_number="100102").email == "hanako@city.example.jp"


def test_a_large_file_shows_its_progress(db, hr_file):
    DepartmentFactory(code="011000", name="DX推進課")
    rows = [f"3{n:05d},職員 {n},,011000,DX推進課,主事,p{n}@city.example.jp," for n in range(350)]

    out = run(hr_file(rows))

    assert "… 100 / 350" in out
    assert "… 350 / 350" in out
    assert User.objects.filter(staff_number__startswith="3").count() == 350


def test_a_file_in_neither_utf8_nor_cp932_is_refused_politely(db, tmp_path):
    path = tmp_path / "broken.csv"
    # A byte-order mark, then bytes that are not UTF-8 (a file cut or saved wrongly).
    path.write_bytes(b"\xef\xbb\xbf" + HEADER.encode() + b"\r\n\xff\xfe\x81\r\n")
    message, _err = run_failing(path)
    assert "UTF-8 でも Shift_JIS（cp932）でもありません" in message
    assert User.objects.count() == 0


def test_an_encoding_given_by_name_is_used(db, hr_file):
    out = run(hr_file(ROWS, encoding="euc_jp"), "--encoding", "euc_jp")
    assert "文字コード euc_jp" in out
    assert User.objects.get(staff_number="100101").display_name == "相模 花子"


def test_a_file_without_the_required_columns_is_refused_politely(db, hr_file):
    message, _err = run_failing(hr_file(ROWS, header="職員番号,氏名"))
    assert "1 行目（見出し）に列がありません: 所属コード、所属名、職位、メールアドレス" in message


def test_the_example_file_in_the_docs_imports(db):
    out = run(EXAMPLE, "--dry-run")
    assert "合計: 追加 8 人" in out
