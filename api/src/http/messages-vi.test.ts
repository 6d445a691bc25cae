import { describe, expect, it } from 'vitest'
import { messageVi } from './messages-vi.ts'

describe('import messages in Vietnamese', () => {
  it('says a date that does not exist in Vietnamese, under the field’s Vietnamese header', () => {
    expect(messageVi('founded_on (Ngày thành lập): "31/02/2024" is not a calendar date')).toBe(
      'Ngày thành lập: “31/02/2024” không phải là một ngày có thật',
    )
  })

  it('says a commune outside the user’s scope in Vietnamese', () => {
    expect(messageVi('commune 02671 (Phường Cam Đường) is outside your scope')).toBe(
      'xã 02671 (Phường Cam Đường) nằm ngoài phạm vi được giao',
    )
  })

  it('translates a message nested in another (the CRS read, inside a coordinate problem)', () => {
    expect(
      messageVi(
        'coordinates (423000, 2490000) look like projected metres but no CRS was given or declared, so WGS 84 was assumed: choose the CRS, e.g. VN2000-TM3-104.75',
      ),
    ).toBe(
      'tọa độ (423000, 2490000) trông như mét của hệ tọa độ phẳng nhưng không có hệ tọa độ nào được chọn hay khai báo nên đã giả định WGS 84: chọn hệ tọa độ, ví dụ VN2000-TM3-104.75',
    )
  })

  it('says an old commune code that cannot be read without the 2025 crosswalk', () => {
    expect(
      messageVi(
        'commune_code (Mã xã): unknown commune code 02635 (codes from before 1 July 2025 cannot be read: the crosswalk of the 2025 merger was not loaded at set-up)',
      ),
    ).toBe(
      'Mã xã: không có xã, phường nào mã 02635 (không đọc được mã trước ngày 1/7/2025: bảng đối chiếu mã sáp nhập 2025 chưa được nạp khi cài đặt)',
    )
  })

  it.each([
    ['wrong password', 'mật khẩu không đúng'],
    ['must be at least 10 characters', 'phải dài ít nhất 10 ký tự'],
    ['must not contain the user name', 'không được chứa tên đăng nhập'],
    ['unknown role chief', 'không có vai trò chief'],
    ['unknown commune 02647, 02648', 'không có xã, phường mã 02647, 02648'],
  ])('says the account problem "%s" in Vietnamese', (en, vi) => expect(messageVi(en)).toBe(vi))

  it('knows no message it has no rule for, so a new check cannot go out in English unnoticed', () => {
    expect(messageVi('something new went wrong')).toBeNull()
    expect(messageVi('founded_on (Ngày thành lập): something new went wrong')).toBeNull()
  })
})
