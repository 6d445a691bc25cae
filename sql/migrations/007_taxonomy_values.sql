-- Reference values. They are data: new types or categories are rows, not code.
insert into model_type (code, name_vi, name_en, coverage, radius_m, border_only, sort) values
  ('to_bao_ve_antt', 'Tổ bảo vệ ANTT ở cơ sở', 'Grassroots security and order team', 'village', null, false, 1),
  ('to_an_ninh_tu_quan', 'Tổ an ninh tự quản', 'Self-managed security group', 'village', null, false, 2),
  ('dong_ho_tu_quan', 'Dòng họ tự quản', 'Self-managed clan', 'village', null, false, 3),
  ('tu_quan_duong_bien', 'Tự quản đường biên, mốc quốc giới', 'Self-managed border line and markers', 'village', null, true, 4),
  ('camera_an_ninh', 'Camera an ninh', 'Security cameras', 'radius', 500, false, 5),
  ('to_hoa_giai', 'Tổ hòa giải ở cơ sở', 'Grassroots mediation team', 'village', null, false, 6),
  ('tieng_keng_an_ninh', 'Tiếng kẻng an ninh', 'Security gong', 'village', null, false, 7),
  ('to_tuan_tra', 'Tổ tuần tra nhân dân', 'Volunteer patrol', 'village', null, false, 8),
  ('clb_phong_chong_ma_tuy', 'Câu lạc bộ phòng, chống ma túy', 'Anti-drug club', 'commune', null, false, 9),
  ('giao_xu_binh_yen', 'Giáo xứ, điểm nhóm bình yên', 'Peaceful parish / religious site', 'village', null, false, 10),
  ('truong_hoc_an_toan', 'Trường học, doanh nghiệp an toàn', 'Safe school / enterprise', 'commune', null, false, 11);

insert into incident_category (code, group_code, name_vi, name_en, sort) values
  ('political_subversion', 'political', 'Hoạt động chống phá, lật đổ', 'Subversion', 1),
  ('illegal_religion', 'political', 'Tuyên truyền đạo trái phép', 'Illegal religious propaganda', 2),
  ('mass_complaint', 'political', 'Khiếu kiện đông người', 'Mass complaints', 3),
  ('drugs', 'social_order', 'Ma túy', 'Drugs', 4),
  ('theft', 'social_order', 'Trộm cắp tài sản', 'Theft', 5),
  ('trafficking', 'social_order', 'Mua bán người', 'Human trafficking', 6),
  ('illegal_crossing', 'social_order', 'Xuất nhập cảnh trái phép', 'Illegal border crossing', 7),
  ('smuggling', 'social_order', 'Buôn lậu', 'Smuggling', 8),
  ('assault', 'social_order', 'Cố ý gây thương tích', 'Assault', 9),
  ('dispute', 'social_order', 'Tranh chấp, mâu thuẫn', 'Disputes', 10),
  ('social_evils', 'social_order', 'Tệ nạn xã hội', 'Social evils', 11),
  ('online_fraud', 'social_order', 'Lừa đảo qua mạng', 'Online fraud', 12);

insert into lead_org (code, name_vi, name_en, sort) values
  ('police', 'Công an', 'Police', 1),
  ('fatherland_front', 'Mặt trận Tổ quốc', 'Fatherland Front', 2),
  ('youth_union', 'Đoàn Thanh niên', 'Youth Union', 3),
  ('womens_union', 'Hội Liên hiệp Phụ nữ', 'Women''s Union', 4),
  ('veterans', 'Hội Cựu chiến binh', 'Veterans'' Association', 5),
  ('border_guard', 'Bộ đội Biên phòng', 'Border Guard', 6),
  ('military', 'Quân sự xã', 'Commune military command', 7),
  ('farmers_union', 'Hội Nông dân', 'Farmers'' Union', 8);

insert into rating (code, name_vi, name_en, rank, effective) values
  ('tot', 'Tốt', 'Good', 1, true),
  ('kha', 'Khá', 'Fair', 2, true),
  ('trung_binh', 'Trung bình', 'Average', 3, false),
  ('yeu', 'Yếu', 'Weak', 4, false);

insert into area_class (code, name_vi, name_en, sort) values
  ('border', 'Biên giới', 'Border', 1),
  ('strategic', 'Trọng điểm', 'Strategic / key', 2),
  ('remote', 'Vùng sâu, vùng xa', 'Remote', 3),
  ('ethnic_minority', 'Đồng bào dân tộc thiểu số', 'Ethnic minority', 4),
  ('religious', 'Tôn giáo', 'Religious', 5),
  ('urban', 'Đô thị', 'Urban', 6),
  ('tourism', 'Du lịch', 'Tourism', 7),
  ('border_gate_zone', 'Khu kinh tế cửa khẩu', 'Border-gate economic zone', 8);
