"""Name pools for demo data: drawn from by index so millions of rows cost no Faker calls."""

# Family names with rough national frequencies (per cent), most common first.
FAMILY = [
    ("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Hoàng", 4.5), ("Huỳnh", 4), ("Phan", 4.5),
    ("Vũ", 3.9), ("Võ", 3), ("Đặng", 2.1), ("Bùi", 2), ("Đỗ", 1.4), ("Hồ", 1.3), ("Ngô", 1.3),
    ("Dương", 1), ("Lý", 0.5), ("Đinh", 0.6), ("Lâm", 0.5), ("Trương", 0.6), ("Mai", 0.4), ("Cao", 0.3),
    ("Tạ", 0.2), ("Lương", 0.3), ("Thạch", 0.2), ("Kim", 0.1), ("Châu", 0.2), ("Quách", 0.1),
]
MIDDLE_MALE = ["Văn", "Minh", "Quốc", "Đức", "Hữu", "Thanh", "Công", "Gia", "Hoàng", "Tuấn", "Anh", "Ngọc", "Trung",
               "Thành", "Xuân", "Đình", "Quang", "Bảo", "Nhật", "Hải"]
MIDDLE_FEMALE = ["Thị", "Ngọc", "Thu", "Thanh", "Minh", "Thảo", "Phương", "Kim", "Hồng", "Bảo", "Mai", "Diệu", "Khánh",
                 "Quỳnh", "Hoài", "Tuyết", "Mỹ", "Gia", "Như", "Yến"]
GIVEN_MALE = ["Anh", "Bảo", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Đức", "Hải", "Hiếu", "Hoàng", "Huy", "Hùng",
              "Khang", "Khánh", "Khoa", "Kiên", "Lâm", "Long", "Lộc", "Minh", "Nam", "Nghĩa", "Nhân", "Phát", "Phong",
              "Phúc", "Quân", "Quang", "Sơn", "Tài", "Tâm", "Thắng", "Thành", "Thịnh", "Toàn", "Trí", "Trung", "Tuấn",
              "Tùng", "Việt", "Vinh", "Vũ", "Hưng", "Hiệp", "Khôi", "Luân", "Phúc", "Tín", "Thiện"]
GIVEN_FEMALE = ["An", "Anh", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng", "Huyền",
                "Hương", "Lan", "Linh", "Loan", "Ly", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhi", "Nhung", "Oanh",
                "Phương", "Quyên", "Quỳnh", "Tâm", "Thảo", "Thanh", "Thu", "Thủy", "Trang", "Trinh", "Tú", "Uyên",
                "Vân", "Vy", "Xuân", "Yến", "Hân", "Khánh", "Diệp", "Nhàn", "Thư", "Trâm", "Tiên", "Kiều"]
PLACE_WORDS = ["An", "Tân", "Bình", "Phú", "Long", "Hòa", "Thạnh", "Vĩnh", "Mỹ", "Thanh", "Hưng", "Đông", "Tây",
               "Nam", "Bắc", "Trung", "Phước", "Thuận", "Quang", "Hải", "Hiệp", "Lộc", "Thới", "Khánh", "Định",
               "Lợi", "Thành", "Xuân", "Hội", "Tiến", "Đồng", "Sơn", "Lạc", "Yên", "Ninh", "Phong", "Mỹ", "Tường"]
BRANCH_PATTERNS = [
    "Chi đoàn ấp {w}", "Chi đoàn khu phố {n}", "Chi đoàn thôn {w}", "Chi đoàn Trường THPT {w}",
    "Chi đoàn Công an xã", "Chi đoàn Quân sự", "Chi đoàn Trạm Y tế", "Chi đoàn khóm {n}", "Chi đoàn tổ dân phố {n}",
    "Chi đoàn Công ty TNHH {w} {w2}", "Chi đoàn giáo viên Trường THCS {w}",
]


def weighted_family() -> list[str]:
    """A pool of 1,000 family names in national proportions, to draw from uniformly."""
    total = sum(w for _, w in FAMILY)
    pool: list[str] = []
    for name, w in FAMILY:
        pool += [name] * max(1, round(1000 * w / total))
    return pool
