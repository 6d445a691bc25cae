// The API's problems in Vietnamese: an import's checks, the editing forms' checks, every error answer
// (errorBody adds problem_vi). Checks write their message once, in English (in TypeScript and in the
// staging SQL alike, where format() fills it); the answer carries both, so the interface shows the
// message in its own language. One rule per message shape; the parts a rule captures (values, codes,
// names) are kept as they are, and a captured part that is itself a message is translated in turn.
// messages-vi.test.ts writes every shape the checks can produce and requires a rule for each.

type Rule = readonly [RegExp, (m: string[], tr: (s: string) => string) => string]

const q = (s: string) => `“${s}”`

const MODEL_STATUS_VI: Record<string, string> = {
  active: 'đang hoạt động',
  weak: 'hoạt động yếu',
  dissolved: 'đã thanh loại',
}

/** Names the SQL checks use for taxonomies and natural keys. */
const WORDS: Record<string, string> = {
  'model type': 'loại mô hình',
  organisation: 'đơn vị chủ trì',
  rating: 'xếp loại',
  'incident category': 'loại vụ việc',
  'name, type and commune': 'tên, loại và xã',
  'model and date': 'mô hình và ngày',
  'subject, commune and year': 'đối tượng, xã và năm',
  'commune, year, model, source and purpose': 'xã, năm, mô hình, nguồn và mục đích',
  'category, date, commune, village and place (within 1 m)':
    'loại, ngày, xã, thôn và vị trí (cách nhau dưới 1 m)',
  'date, topic, commune and village': 'ngày, chủ đề, xã và thôn',
  'name and commune': 'tên và xã',
  village: 'thôn',
  commune: 'xã',
  school: 'trường học',
  enterprise: 'doanh nghiệp',
}
const word = (s: string) => WORDS[s] ?? s

const RULES: readonly Rule[] = [
  // a field's label before the problem: "founded_on (Ngày thành lập): …" → "Ngày thành lập: …"
  [
    /^(\w+) \((.+?)\) is required for a new record: the file has no such column$/,
    (m) => `${m[2]} là bắt buộc khi thêm bản ghi mới: tệp không có cột này`,
  ],
  [/^(\w+) \((.+?)\) is required$/, (m) => `${m[2]} là bắt buộc`],
  [/^(\w+) \(([^)]+)\): (.*)$/s, (m, tr) => `${m[2]}: ${tr(m[3])}`],
  [/^(lon|lat|x|y): (.*)$/s, (m, tr) => `${m[1]}: ${tr(m[2])}`],

  // values
  [/^empty$/, () => 'ô trống'],
  [/^not a date$/, () => 'không phải là ngày'],
  [
    /^"(.*)" is not a date: write dd\/mm\/yyyy \(e\.g\. 05\/03\/2024\) or yyyy-mm-dd$/s,
    (m) => `${q(m[1])} không phải là ngày: ghi dd/mm/yyyy (ví dụ 05/03/2024) hoặc yyyy-mm-dd`,
  ],
  [/^"(.*)" is not a calendar date$/s, (m) => `${q(m[1])} không phải là một ngày có thật`],
  [/^(.+) is not a date$/s, (m) => `${m[1]} không phải là ngày`],
  [/^not a number$/, () => 'không phải là số'],
  [/^"(.*)" is not a number$/s, (m) => `${q(m[1])} không phải là số`],
  [/^"(.*)" is not yes\/no: write Có or Không$/s, (m) => `${q(m[1])} không phải Có/Không: ghi Có hoặc Không`],
  [/^(.+) is not yes\/no$/s, (m) => `${m[1]} không phải Có/Không`],
  [/^"(.*)" is not one of: (.*)$/s, (m) => `${q(m[1])} không thuộc danh sách: ${m[2]}`],
  [
    /^"(.*)" is not a record key \(letters, digits, - _ \. \/ up to 64\)$/s,
    (m) => `${q(m[1])} không phải mã hồ sơ hợp lệ (chữ, số, - _ . /, tối đa 64 ký tự)`,
  ],
  [/^longer than (\d+) characters$/, (m) => `dài quá ${m[1]} ký tự`],
  [/^(.+) is not a whole number$/, (m) => `${m[1]} không phải số nguyên`],
  [/^(.+) is below (.+)$/, (m) => `${m[1]} nhỏ hơn mức tối thiểu ${m[2]}`],
  [/^(.+) is above (.+)$/, (m) => `${m[1]} lớn hơn mức tối đa ${m[2]}`],
  [/^(\d{4}-\d\d-\d\d) is before (\d{4}-\d\d-\d\d)$/, (m) => `ngày ${m[1]} trước ngày ${m[2]}`],
  [/^(\d{4}-\d\d-\d\d) is in the future$/, (m) => `ngày ${m[1]} ở tương lai`],
  [/^"(.*)" is not a year$/s, (m) => `${q(m[1])} không phải là năm`],

  // geometry and coordinates
  [/^expected a polygon, got a point$/, () => 'cần một vùng (polygon), tệp cho một điểm'],
  [/^expected a point, got a (\w+)$/, (m) => `cần một điểm, tệp cho một ${m[1]}`],
  [/^invalid polygon: (.*)$/s, (m) => `vùng (polygon) không hợp lệ: ${m[1]}`],
  [
    /^x\/y \((.+), (.+)\) look like degrees but the CRS is (.+): name the columns lon\/lat or choose a geographic CRS$/,
    (m) =>
      `x/y (${m[1]}, ${m[2]}) trông như độ nhưng hệ tọa độ là ${m[3]}: đặt tên cột lon/lat hoặc chọn hệ tọa độ địa lý`,
  ],
  [
    /^X \((.+)\) looks like an easting and Y \((.+)\) like a northing: read in GIS order \(VN-2000 sheets write X = northing\)$/,
    (m) =>
      `X (${m[1]}) trông như tọa độ Đông và Y (${m[2]}) như tọa độ Bắc: đã đọc theo thứ tự GIS (bảng VN-2000 ghi X là tọa độ Bắc)`,
  ],
  [
    /^x\/y \((.+), (.+)\) are out of range for (.+)$/,
    (m) => `x/y (${m[1]}, ${m[2]}) nằm ngoài phạm vi của ${m[3]}`,
  ],
  [
    /^x\/y \((.+), (.+)\) look like projected metres but (.+): choose the CRS, e\.g\. (.+)$/,
    (m, tr) =>
      `x/y (${m[1]}, ${m[2]}) trông như mét của hệ tọa độ phẳng nhưng ${tr(m[3])}: chọn hệ tọa độ, ví dụ ${m[4]}`,
  ],
  [
    /^lon\/lat \((.+), (.+)\) look swapped: lon is about 103–105 and lat about 21–23 in Lào Cai$/,
    (m) => `lon/lat (${m[1]}, ${m[2]}) có vẻ bị đảo: ở Lào Cai kinh độ khoảng 103–105, vĩ độ khoảng 21–23`,
  ],
  [
    /^lon\/lat \((.+), (.+)\) look like projected metres, not degrees: name the columns X\/Y and choose the CRS, e\.g\. (.+)$/,
    (m) =>
      `lon/lat (${m[1]}, ${m[2]}) trông như mét của hệ tọa độ phẳng, không phải độ: đặt tên cột X/Y và chọn hệ tọa độ, ví dụ ${m[3]}`,
  ],
  [
    /^no coordinates: the record is placed at its village \(or commune\) as an approximate location$/,
    () => 'không có tọa độ: bản ghi được đặt tại thôn (hoặc xã) của nó, vị trí gần đúng',
  ],
  [/^coordinates are not numbers$/, () => 'tọa độ không phải là số'],
  [
    /^coordinates \((.+), (.+)\) look like projected metres but (.+): choose the CRS, e\.g\. (.+)$/,
    (m, tr) =>
      `tọa độ (${m[1]}, ${m[2]}) trông như mét của hệ tọa độ phẳng nhưng ${tr(m[3])}: chọn hệ tọa độ, ví dụ ${m[4]}`,
  ],
  [
    /^coordinates \((.+), (.+)\) look like degrees but (.+)$/,
    (m, tr) => `tọa độ (${m[1]}, ${m[2]}) trông như độ nhưng ${tr(m[3])}`,
  ],
  [
    /^coordinates \((.+), (.+)\) are out of range for (.+)$/,
    (m) => `tọa độ (${m[1]}, ${m[2]}) nằm ngoài phạm vi của ${m[3]}`,
  ],
  [/^the CRS is (.+)$/, (m) => `hệ tọa độ là ${m[1]}`],
  [
    /^no CRS was given or declared, so (.+) was assumed$/,
    (m) => `không có hệ tọa độ nào được chọn hay khai báo nên đã giả định ${m[1]}`,
  ],
  [/^no CRS was given$/, () => 'chưa chọn hệ tọa độ'],
  [
    /^the point \((.+), (.+)\) is outside the province: it was read in (.+); Lào Cai uses (.+)$/,
    (m) => `điểm (${m[1]}, ${m[2]}) nằm ngoài tỉnh: tọa độ được đọc theo ${m[3]}; Lào Cai dùng ${m[4]}`,
  ],
  [
    /^the point \((.+), (.+)\) is outside the province: check the coordinates, or name the CRS$/,
    (m) => `điểm (${m[1]}, ${m[2]}) nằm ngoài tỉnh: kiểm tra tọa độ, hoặc chọn hệ tọa độ`,
  ],
  [/^the point \((.+), (.+)\) is outside the province$/, (m) => `điểm (${m[1]}, ${m[2]}) nằm ngoài tỉnh`],
  [
    /^the point is (.+) m outside commune (.+) \((.+)\)$/,
    (m) => `điểm nằm ngoài xã ${m[2]} (${m[3]}) ${m[1]} m`,
  ],
  [
    /^a polygon is required \(GeoJSON or Shapefile\)$/,
    () => 'cần một vùng (polygon): GeoJSON hoặc Shapefile',
  ],
  [/^the polygon lies outside the province: check the CRS$/, () => 'vùng nằm ngoài tỉnh: kiểm tra hệ tọa độ'],
  [
    /^(.+)% of the polygon's vertices lie outside the province$/,
    (m) => `${m[1]}% số đỉnh của vùng nằm ngoài tỉnh`,
  ],
  [
    /^the polygon does not overlap the current boundary of (.+)$/,
    (m) => `vùng không chồng lên ranh giới hiện tại của ${m[1]}`,
  ],
  [
    /^(.+)% of the village polygon's vertices lie outside commune (.+)$/,
    (m) => `${m[1]}% số đỉnh của vùng thôn nằm ngoài xã ${m[2]}`,
  ],

  // CRS of the file
  [/^(.+): name the CRS with the crs field$/s, (m, tr) => `${tr(m[1])}: chọn hệ tọa độ khi nhập`],
  [
    /^read as (.+) as asked, but (.+) \((.+)\)$/s,
    (m, tr) => `đã đọc theo ${m[1]} như đã chọn, nhưng ${tr(m[2])} (${m[3]})`,
  ],
  [/^the zip has no \.prj: WGS 84 assumed$/, () => 'tệp zip không có .prj: giả định WGS 84'],
  [/^the \.prj names EPSG:(\d+)$/, (m) => `tệp .prj ghi EPSG:${m[1]}`],
  [
    /^the \.prj is in HN-72 \(Hà Nội 1972\), which is not supported: convert it to VN-2000$/,
    () => 'tệp .prj dùng HN-72 (Hà Nội 1972), chưa được hỗ trợ: hãy chuyển sang VN-2000',
  ],
  [/^the \.prj is VN-2000 geographic$/, () => 'tệp .prj là VN-2000 tọa độ địa lý'],
  [/^the \.prj is WGS 84 geographic$/, () => 'tệp .prj là WGS 84 tọa độ địa lý'],
  [
    /^the \.prj names a geographic CRS other than WGS 84 or VN-2000$/,
    () => 'tệp .prj ghi một hệ tọa độ địa lý khác WGS 84 và VN-2000',
  ],
  [
    /^the \.prj uses a projection other than Transverse Mercator$/,
    () => 'tệp .prj dùng phép chiếu khác Transverse Mercator',
  ],
  [
    /^the \.prj lacks a central meridian or scale factor$/,
    () => 'tệp .prj thiếu kinh tuyến trục hoặc hệ số tỷ lệ',
  ],
  [
    /^the \.prj has a false easting of (.+) m \(expected 500000\)$/,
    (m) => `tệp .prj có độ dời Đông (false easting) ${m[1]} m (cần 500000)`,
  ],
  [
    /^the \.prj is VN-2000 TM-3 with central meridian (.+)°$/,
    (m) => `tệp .prj là VN-2000 TM-3, kinh tuyến trục ${m[1]}°`,
  ],

  // columns
  [
    /^column "(.*)" reads (\w+) again \(already read from "(.*)"\): ignored$/s,
    (m) => `cột ${q(m[1])} lặp lại trường ${m[2]} (đã đọc từ cột ${q(m[3])}): bỏ qua`,
  ],
  [/^not fields of (\w+), ignored: (.*)$/s, (m) => `không phải cột của loại dữ liệu này, bỏ qua: ${m[2]}`],
  [/^column (\w+) is there but (\w+) is missing$/, (m) => `có cột ${m[1]} nhưng thiếu cột ${m[2]}`],

  // the file as a whole
  [/^the file has no data rows$/, () => 'tệp không có dòng dữ liệu nào'],
  [/^the file is empty$/, () => 'tệp rỗng'],
  [
    /^the file is not UTF-8 text: save it from Excel as "CSV UTF-8 \(Comma delimited\)"$/,
    () => 'tệp không phải văn bản UTF-8: lưu lại từ Excel dạng “CSV UTF-8 (Comma delimited)”',
  ],
  [/^row (\d+): a quoted cell is not closed$/, (m) => `dòng ${m[1]}: ô trong ngoặc kép chưa được đóng`],
  [/^not valid GeoJSON: (.*)$/s, (m) => `không phải GeoJSON hợp lệ: ${m[1]}`],
  [
    /^not GeoJSON: expected a FeatureCollection, a Feature or a geometry$/,
    () => 'không phải GeoJSON: cần FeatureCollection, Feature hoặc một hình học',
  ],
  [/^the zip could not be read: (.*)$/s, (m) => `không đọc được tệp zip: ${m[1]}`],
  [/^the zip holds no \.shp file$/, () => 'tệp zip không có tệp .shp'],
  [
    /^the zip holds several shapefiles \((.*)\): upload one per file$/s,
    (m) => `tệp zip có nhiều shapefile (${m[1]}): mỗi lần tải lên một shapefile`,
  ],
  [/^(.+)\.dbf is missing from the zip$/, (m) => `tệp zip thiếu ${m[1]}.dbf`],
  [/^the shapefile could not be read: (.*)$/s, (m) => `không đọc được shapefile: ${m[1]}`],
  [/^feature (\d+) could not be read: (.*)$/s, (m) => `không đọc được đối tượng thứ ${m[1]}: ${m[2]}`],
  [
    /^unknown file format: upload \.xlsx, \.csv, \.geojson or a zipped Shapefile \(\.zip\)$/,
    () => 'định dạng tệp không được hỗ trợ: tải lên .xlsx, .csv, .geojson hoặc Shapefile nén (.zip)',
  ],
  [
    /^the workbook has no worksheets \(is it an \.xlsx file\?\)$/,
    () => 'sổ tính không có trang tính nào (đây có phải tệp .xlsx không?)',
  ],
  [/^the workbook could not be read: (.*)$/s, (m) => `không đọc được sổ tính: ${m[1]}`],
  [/^the workbook has no (.+)$/, (m) => `sổ tính thiếu ${m[1]}`],
  [
    /^no header row found in the first (\d+) rows: expected columns such as (.*) \(download the template for this kind\)$/s,
    (m) =>
      `không tìm thấy dòng tiêu đề trong ${m[1]} dòng đầu: cần các cột như ${m[2]} (tải tệp mẫu của loại dữ liệu này)`,
  ],

  // communes and villages
  [
    /^unknown commune code (\S+) \(codes from before 1 July 2025 cannot be read: the crosswalk of the 2025 merger was not loaded at set-up\)$/,
    (m) =>
      `không có xã, phường nào mã ${m[1]} (không đọc được mã trước ngày 1/7/2025: bảng đối chiếu mã sáp nhập 2025 chưa được nạp khi cài đặt)`,
  ],
  [/^unknown commune code (.+)$/, (m) => `không có xã, phường nào mã ${m[1]}`],
  [
    /^old commune (\S+) \((.+)\) was split among (.+): give the new code$/,
    (m) => `xã cũ ${m[1]} (${m[2]}) đã được chia cho ${m[3]}: ghi mã mới`,
  ],
  [
    /^old code (.+) \((.+), before 1 July 2025\) read as (.+)$/,
    (m) => `mã cũ ${m[1]} (${m[2]}, trước 01/7/2025) được đọc thành ${m[3]}`,
  ],
  [/^unknown commune "(.*)"$/s, (m) => `không có xã, phường nào tên ${q(m[1])}`],
  [
    /^"(.*)" names several communes \((.*)\): give the code$/s,
    (m) => `${q(m[1])} là tên của nhiều xã (${m[2]}): ghi mã xã`,
  ],
  [
    /^old commune "(.*)" was split among (.+): give the new code$/s,
    (m) => `xã cũ ${q(m[1])} đã được chia cho ${m[2]}: ghi mã mới`,
  ],
  [
    /^old commune "(.*)" \(before 1 July 2025\) read as (.+)$/s,
    (m) => `xã cũ ${q(m[1])} (trước 01/7/2025) được đọc thành ${m[2]}`,
  ],
  [
    /^"(.*)" is not the name of commune (.+) \((.+)\): the code is used$/s,
    (m) => `${q(m[1])} không phải tên của xã ${m[2]} (${m[3]}): dùng theo mã`,
  ],
  [/^village (.+) is outside your scope$/, (m) => `thôn ${m[1]} nằm ngoài phạm vi được giao`],
  [/^no village with code (.+)$/, (m) => `không có thôn nào mã ${m[1]}`],
  [/^village (.+) is in commune (.+), not (.+)$/, (m) => `thôn ${m[1]} thuộc xã ${m[2]}, không phải ${m[3]}`],
  [/^no village named "(.*)" in commune (.+)$/s, (m) => `xã ${m[2]} không có thôn nào tên ${q(m[1])}`],
  [
    /^"(.*)" names (\d+) villages in commune (.+): give the village code$/s,
    (m) => `${q(m[1])} là tên của ${m[2]} thôn trong xã ${m[3]}: ghi mã thôn`,
  ],
  [
    /^commune (.+) \((.+)\) is outside your scope$/,
    (m) => `xã ${m[1]} (${m[2]}) nằm ngoài phạm vi được giao`,
  ],
  [/^the commune is required: give Mã xã or Tên xã$/, () => 'thiếu xã: ghi Mã xã hoặc Tên xã'],
  [
    /^village code (.+): expected the commune code, a dash and 3 digits \(e\.g\. 02647-003\)$/,
    (m) => `mã thôn ${m[1]}: cần mã xã, dấu gạch ngang và 3 chữ số (ví dụ 02647-003)`,
  ],
  [
    /^village code (.+) does not start with its commune code (.+)$/,
    (m) => `mã thôn ${m[1]} không bắt đầu bằng mã xã ${m[2]}`,
  ],
  [
    /^a village needs a location: lon\/lat, X\/Y or a polygon$/,
    () => 'thôn cần có vị trí: lon/lat, X/Y hoặc vùng (polygon)',
  ],

  // records and keys
  [
    /^key (.+) is used by a record outside your scope$/,
    (m) => `mã ${m[1]} đã được dùng cho một bản ghi ngoài phạm vi được giao`,
  ],
  [/^duplicate of record (.+) \(same (.+)\)$/, (m) => `trùng với bản ghi ${m[1]} (cùng ${word(m[2])})`],
  [/^the same record as row (\d+) \((.*)\)$/, (m) => `trùng bản ghi với dòng ${m[1]} (${m[2]})`],
  [
    /^the same (.+) as row (\d+): give each record its own key \(Mã hồ sơ\) if both are meant$/,
    (m) =>
      `trùng ${word(m[1])} với dòng ${m[2]}: nếu cả hai đều đúng, ghi cho mỗi bản ghi một Mã hồ sơ riêng`,
  ],
  [
    /^unknown (model type|organisation|rating|incident category) "(.*)"$/s,
    (m) => `không có ${word(m[1])} nào là ${q(m[2])}`,
  ],
  [
    /^"(.*)" names several (model type|organisation|rating|incident category)s: write the code$/s,
    (m) => `${q(m[1])} là tên của nhiều ${word(m[2])}: ghi mã`,
  ],
  [/^model (.+) is outside your scope$/, (m) => `mô hình ${m[1]} nằm ngoài phạm vi được giao`],
  [
    /^no model with key (.+) \(in the database or in this file\)$/,
    (m) => `không có mô hình nào mã ${m[1]} (trong cơ sở dữ liệu hay trong tệp này)`,
  ],
  [/^no model with key (.+)$/, (m) => `không có mô hình nào mã ${m[1]}`],
  [/^a model cannot be replicated from itself$/, () => 'mô hình không thể nhân rộng từ chính nó'],
  [
    /^model (.+) is in commune (.+), not (.+); the model's commune is kept$/,
    (m) => `mô hình ${m[1]} thuộc xã ${m[2]}, không phải ${m[3]}; giữ xã của mô hình`,
  ],
  [
    /^model (.+) is in commune (.+), not (.+)$/,
    (m) => `mô hình ${m[1]} thuộc xã ${m[2]}, không phải ${m[3]}`,
  ],
  [
    /^evaluated on (.+), before the model was founded on (.+)$/,
    (m) => `đánh giá ngày ${m[1]}, trước ngày thành lập mô hình (${m[2]})`,
  ],
  [
    /^evaluated on (.+), after the model was dissolved on (.+)$/,
    (m) => `đánh giá ngày ${m[1]}, sau ngày mô hình bị thanh loại (${m[2]})`,
  ],
  [
    /^a dissolved model needs its date of dissolution \(Ngày thanh loại\)$/,
    () => 'mô hình đã thanh loại cần có Ngày thanh loại',
  ],
  [
    /^a date of dissolution is given but the status is (.+): write Đã thanh loại$/,
    (m) => `có Ngày thanh loại nhưng trạng thái là ${m[1]}: ghi Đã thanh loại`,
  ],
  [
    /^dissolved on (.+), before the model was founded on (.+)$/,
    (m) => `thanh loại ngày ${m[1]}, trước ngày thành lập (${m[2]})`,
  ],
  [/^no reason given for the dissolution \(Lý do thanh loại\)$/, () => 'chưa ghi Lý do thanh loại'],
  [
    /^the status change dates from (.+), before the model's current status began on (.+)$/,
    (m) => `thay đổi trạng thái tính từ ngày ${m[1]}, trước ngày trạng thái hiện tại bắt đầu (${m[2]})`,
  ],
  [
    /^(.+) is a border model but commune (.+) is not a border commune$/,
    (m) => `${m[1]} là mô hình khu vực biên giới nhưng xã ${m[2]} không phải xã biên giới`,
  ],
  [
    /^a village certification needs the village \(Mã thôn or Tên thôn\)$/,
    () => 'chứng nhận cấp thôn cần ghi thôn (Mã thôn hoặc Tên thôn)',
  ],
  [
    /^the village is ignored for a (.+) certification$/,
    (m) => `thôn được bỏ qua với chứng nhận cấp ${word(m[1])}`,
  ],
  [/^year (.+) is in the future$/, (m) => `năm ${m[1]} ở tương lai`],
  [/^year (.+) is more than a year ahead$/, (m) => `năm ${m[1]} vượt quá năm sau`],
  // the editing forms (records/editing.ts, records/checks.ts, contract/src/records.ts)
  [/^a record with key (.+) exists$/, (m) => `đã có bản ghi mã ${m[1]}`],
  [/^after the model was dissolved on (\S+)$/, (m) => `sau ngày mô hình thanh loại (${m[1]})`],
  [
    /^the model has an evaluation on (\S+), before (\S+)$/,
    (m) => `mô hình có lần đánh giá ngày ${m[1]}, trước ${m[2]}`,
  ],
  [/^before the model was founded on (\S+)$/, (m) => `trước ngày mô hình được thành lập (${m[1]})`],
  [
    /^before the current status \((active|weak|dissolved)\) began on (\S+)$/,
    (m) => `trước ngày bắt đầu trạng thái hiện tại (${MODEL_STATUS_VI[m[1]]}, ${m[2]})`,
  ],
  [
    /^the model is already (active|weak|dissolved)$/,
    (m) => `mô hình đã ở trạng thái ${MODEL_STATUS_VI[m[1]]}`,
  ],
  [/^the model already has an evaluation on (\S+)$/, (m) => `mô hình đã có lần đánh giá ngày ${m[1]}`],
  [/^unknown commune ([\d, ]+)$/, (m) => `không có xã, phường mã ${m[1]}`],
  [/^unknown province ([\d, ]+)$/, (m) => `không có tỉnh, thành phố mã ${m[1]}`],
  [/^the point is (\S+) m outside commune (\S+)$/, (m) => `điểm nằm ngoài xã ${m[2]} ${m[1]} m`],
  [/^give both lon and lat, or neither$/, () => 'nhập cả kinh độ và vĩ độ, hoặc để trống cả hai'],
  [/^nothing to change$/, () => 'không có gì để thay đổi'],
  [/^dissolving a model needs a reason$/, () => 'thanh loại mô hình cần ghi rõ lý do'],

  // accounts and passwords (services/accounts.ts, auth/password-policy.ts)
  [/^wrong password$/, () => 'mật khẩu không đúng'],
  [/^must be at least (\d+) characters$/, (m) => `phải dài ít nhất ${m[1]} ký tự`],
  [/^must be at most (\d+) characters$/, (m) => `chỉ được dài tối đa ${m[1]} ký tự`],
  [/^must not contain the user name$/, () => 'không được chứa tên đăng nhập'],
  [/^is too repetitive$/, () => 'lặp lại quá nhiều ký tự giống nhau'],
  [/^already taken$/, () => 'tên đăng nhập này đã có'],
  [/^unknown role (\S+)$/, (m) => `không có vai trò ${m[1]}`],
  [
    /^you cannot disable or demote your own account$/,
    () => 'không thể tự khóa hoặc hạ quyền tài khoản của chính mình',
  ],
]

/** The Vietnamese of a problem message; null when no rule knows its shape. */
export function messageVi(en: string): string | null {
  for (const [re, render] of RULES) {
    const m = re.exec(en)
    if (m) {
      let unknown = false
      const tr = (s: string) => {
        const v = messageVi(s)
        if (v === null) unknown = true
        return v ?? s
      }
      const out = render(m, tr)
      return unknown ? null : out
    }
  }
  return null
}
