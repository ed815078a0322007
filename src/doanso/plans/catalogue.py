"""The indicators the seed plans use (loaded by migration 0002); codes are stable identifiers.

(code, name, unit of measure, aggregation, source)
"""

S, C, R = "sum", "count", "ratio"
M, X = "manual", "computed"

INDICATORS: list[tuple[str, str, str, str, str]] = [
    # Computed from the member records
    ("DV_TONG", "Đoàn viên đang sinh hoạt", "đoàn viên", S, X),
    ("DV_TRUONG_THANH", "Đoàn viên trưởng thành Đoàn", "đoàn viên", S, X),
    ("TL_DV_SINH_HOAT", "Tỷ lệ đoàn viên đang sinh hoạt", "%", R, X),
    # Computed from the member records through members.api (added by migration 0003)
    ("DV_KET_NAP_MOI_HS", "Đoàn viên kết nạp mới trong năm (theo hồ sơ đoàn viên)", "đoàn viên", S, X),
    (
        "TL_DV_HTXSNV_HS",
        "Tỷ lệ đoàn viên xếp loại hoàn thành xuất sắc nhiệm vụ (theo kết quả xếp loại đã duyệt)",
        "%",
        R,
        X,
    ),
    ("DV_UU_TU_HS", "Đoàn viên ưu tú được giới thiệu cho Đảng (theo hồ sơ đoàn viên)", "đoàn viên", S, X),
    ("DV_UU_TU_VAO_DANG_HS", "Đoàn viên ưu tú được kết nạp Đảng (theo hồ sơ đoàn viên)", "đoàn viên", S, X),
    ("TL_DV_UU_TU_VAO_DANG_HS", "Tỷ lệ đoàn viên ưu tú được kết nạp Đảng trên số được giới thiệu", "%", R, X),
    ("DV_DU_30_HS", "Đoàn viên đủ 30 tuổi trong năm (theo hồ sơ đoàn viên)", "đoàn viên", S, X),
    ("DV_CHUYEN_DI_HS", "Đoàn viên đã chuyển sinh hoạt đi (theo hồ sơ đoàn viên)", "đoàn viên", S, X),
    ("DV_RA_KHOI_HS", "Đoàn viên ra khỏi Đoàn (theo hồ sơ đoàn viên)", "đoàn viên", S, X),
    # Tỉnh đoàn Sóc Trăng, Chương trình công tác Đoàn năm 2024 (12 items, 19 values)
    ("HT_NQ_CBDV", "Cán bộ đoàn, đoàn viên được học tập, quán triệt nghị quyết, chủ trương", "%", R, M),
    ("HT_NQ_TN", "Thanh niên được học tập, quán triệt, tuyên truyền nghị quyết, chủ trương", "%", R, M),
    ("TN_LUOT", "Lượt đoàn viên, thanh niên tham gia hoạt động tình nguyện", "lượt", S, M),
    (
        "YT_SANG_KIEN",
        "Ý tưởng, sáng kiến của đoàn viên, thanh niên được hỗ trợ hiện thực hóa",
        "ý tưởng",
        S,
        M,
    ),
    ("NLS_TTN", "Thanh thiếu nhi được tiếp cận hoạt động nâng cao năng lực số", "%", R, M),
    ("DVC_TN", "Thanh niên sử dụng dịch vụ công trực tuyến", "%", R, M),
    ("TTDT_TN", "Thanh niên sử dụng tài khoản thanh toán điện tử", "%", R, M),
    ("CAY_XANH", "Cây xanh được đoàn viên, thanh niên trồng mới", "cây", S, M),
    ("AP_NTM", "Ấp khó khăn được hỗ trợ hoàn thành tiêu chí nông thôn mới", "ấp", S, M),
    ("VON_VAY_TN", "Vốn hỗ trợ thanh niên vay khởi nghiệp, lập nghiệp, làm kinh tế", "đồng", S, M),
    ("DA_KHOI_NGHIEP", "Dự án khởi nghiệp sáng tạo của thanh niên được hỗ trợ", "dự án", S, M),
    ("TV_HUONG_NGHIEP", "Lượt thanh thiếu niên được tư vấn hướng nghiệp và việc làm", "lượt", S, M),
    ("GT_VIEC_LAM", "Thanh niên được giới thiệu việc làm", "thanh niên", S, M),
    (
        "NGOAI_NGU_LUOT",
        "Lượt thanh thiếu nhi tham gia hoạt động nâng cao năng lực ngoại ngữ, hội nhập",
        "lượt",
        S,
        M,
    ),
    ("TN_KHO_KHAN", "Thiếu nhi có hoàn cảnh khó khăn được hỗ trợ", "em", S, M),
    ("DV_HTXSNV", "Đoàn viên xếp loại hoàn thành xuất sắc nhiệm vụ", "%", R, M),
    ("TAP_HOP_TN", "Tỷ lệ đoàn kết, tập hợp thanh niên", "%", R, M),
    ("DV_UU_TU", "Đoàn viên ưu tú được giới thiệu cho Đảng xem xét, kết nạp", "đoàn viên", S, M),
    ("DANG_VIEN_TU_DVUT", "Đảng viên mới được kết nạp từ đoàn viên ưu tú", "%", R, M),
    # Trung ương Đoàn, Kế hoạch thực hiện Quyết định 311/QĐ-TTg (2025 and 2030 targets)
    (
        "QTUX_CB",
        "Cán bộ đoàn, hội, đội, đoàn viên, hội viên được tuyên truyền, thực hiện Quy tắc ứng xử "
        "trên mạng xã hội",
        "%",
        R,
        M,
    ),
    (
        "QTUX_TN",
        "Thanh niên, thiếu niên được tuyên truyền, thực hiện Quy tắc ứng xử trên mạng xã hội",
        "%",
        R,
        M,
    ),
    (
        "HT_NEN_TANG_SO",
        "Cán bộ đoàn, đoàn viên học tập chủ trương, nghị quyết qua nền tảng số của Đoàn",
        "%",
        R,
        M,
    ),
    ("LLCT_DV_MOI", "Đoàn viên kết nạp mới được học lý luận chính trị trực tuyến", "%", R, M),
    ("APP_TNVN", "Thanh niên sử dụng, tương tác thường xuyên với ứng dụng “Thanh niên Việt Nam”", "%", R, M),
    (
        "BD_CB_KGM",
        "Cán bộ làm công tác thanh thiếu nhi được bồi dưỡng về tuyên truyền, đấu tranh trên không gian mạng",
        "%",
        R,
        M,
    ),
    ("CDS_CB", "Cán bộ Đoàn, Hội, Đội được tập huấn chuyển đổi số, an toàn thông tin mạng", "%", R, M),
    ("CDS_DV", "Đoàn viên, hội viên được tập huấn chuyển đổi số, an toàn thông tin mạng", "%", R, M),
    ("CDS_TN", "Thanh niên được tập huấn chuyển đổi số, an toàn thông tin mạng", "%", R, M),
    ("CDS_TNND", "Thiếu niên, nhi đồng được tập huấn kỹ năng an toàn thông tin mạng", "%", R, M),
    ("MXH_KET_NOI", "Trang mạng xã hội của tổ chức Đoàn kết nối, chia sẻ thông tin thống nhất", "%", R, M),
    (
        "BAI_VIET_NTTT",
        "Bài viết đấu tranh bảo vệ nền tảng tư tưởng của Đảng trên không gian mạng",
        "bài",
        S,
        M,
    ),
    (
        "DOI_HINH_KGM",
        "Đoàn cấp huyện thiết lập đội hình thanh niên tình nguyện trên không gian mạng",
        "%",
        R,
        M,
    ),
    ("TRAO_LUU_KGM", "Trào lưu trên không gian mạng do Đoàn cấp tỉnh tổ chức", "trào lưu", S, M),
    ("TIN_TOT", "Tin tốt, câu chuyện đẹp được đăng tải trên kênh của Đoàn", "tin", S, M),
    # Other seeds (Hải Phòng, Phú Nhuận, Thủy Nguyên)
    ("CONG_TRINH_TN", "Công trình, phần việc thanh niên", "công trình", S, M),
    ("DV_KET_NAP_MOI", "Đoàn viên được kết nạp mới", "đoàn viên", S, M),
    ("HIEN_MAU", "Đơn vị máu tiếp nhận từ hiến máu tình nguyện", "đơn vị", S, M),
    ("GUONG_DIEN_HINH", "Gương điển hình tiên tiến được tuyên dương", "gương", S, M),
    ("CHI_DOAN_MANH", "Chi đoàn được đánh giá “Chi đoàn mạnh”", "chi đoàn", C, M),
]


# The sources the participation apps' migrations gave some of these rows later (activities/0002,
# learning/0002, outreach/0002, ideas/0002, exemplars/0002). `ensure_indicators` applies them so a
# flushed test database is refilled as a migrated one is; migration 0002 still loads the rows as
# they first were.
LATER_SOURCES = {
    "TN_LUOT": "mixed",
    "CAY_XANH": "mixed",
    "HIEN_MAU": "mixed",
    "TIN_TOT": "mixed",
    "YT_SANG_KIEN": X,
    "GUONG_DIEN_HINH": X,
    "LLCT_DV_MOI": X,
    "HT_NQ_CBDV": X,
}


def ensure_indicators() -> int:
    """Add any catalogue indicator missing from the table (after a test flush); returns how many."""
    from doanso.plans.models import Indicator

    have = set(Indicator.objects.values_list("code", flat=True))
    rows = [
        Indicator(
            code=code, name=name, unit_of_measure=uom, aggregation=agg, source=LATER_SOURCES.get(code, source)
        )
        for code, name, uom, agg, source in INDICATORS
        if code not in have
    ]
    Indicator.objects.bulk_create(rows)
    return len(rows)
