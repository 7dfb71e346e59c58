import { describe, expect, it } from 'vitest';
import { personalKind, scrub } from './audit-mask';

describe('audit masking by kind', () => {
  it('masks every phone, birth date, address and contact name, wherever it sits', () => {
    const out = scrub('enlistment', {
      name: '王小明',
      idNumber: '110101199003071234',
      phone: '13800138000',
      emergencyPhone: '13912345678',
      emergency_phone: '13912345678',
      emergencyName: '李四',
      birthDate: '1990-03-07',
      birth_date: new Date('1990-03-07T00:00:00Z'),
      address: '北京市东城区东华门街道某小区3号楼201',
      nested: { contactPhone: '13700001111', registeredAddress: '河南省郑州市金水区某路1号' },
      category: 'party_member',
      password: 'secret',
    }) as Record<string, any>;
    expect(out).toEqual({
      name: '王*明',
      idNumber: '110***********1234',
      phone: '138****8000',
      emergencyPhone: '139****5678',
      emergency_phone: '139****5678',
      emergencyName: '李*',
      birthDate: '1990-**-**',
      birth_date: '1990-**-**',
      address: '北京市东城区***',
      nested: { contactPhone: '137****1111', registeredAddress: '河南省郑***' },
      category: 'party_member',
    });
    expect(JSON.stringify(out)).not.toMatch(/13912345678|03-07|东华门|小明|李四/);
  });

  it('a plain name is personal on a record about a person, not on an area or a team', () => {
    expect(scrub('resident', { name: '张三', namePinyin: 'zhangsan', nameInitials: 'zs' })).toEqual({
      name: '张*',
      namePinyin: 'z******n',
      nameInitials: 'z*',
    });
    expect(scrub('area', { name: '审计镇' })).toEqual({ name: '审计镇' });
    expect(scrub('team', { name: '突击队', captainPhone: '13800138000' })).toEqual({ name: '突击队', captainPhone: '138****8000' });
  });

  it('masks a number plate to its province and city and its last character', () => {
    expect(scrub('checkpoint_crossing', { plate: '豫P12345', licensePlate: '京AD12345', plateNo: 'X1', postId: 3 })).toEqual({
      plate: '豫P***5',
      licensePlate: '京A***5',
      plateNo: '***',
      postId: 3,
    });
  });

  it('recognises kinds by the key, whatever its spelling', () => {
    expect(personalKind('emergencyPhone', null)).toBe('phone');
    expect(personalKind('phone2', null)).toBe('phone');
    expect(personalKind('date_of_birth', null)).toBe('birthDate');
    expect(personalKind('awayWhere', null)).toBe(null);
    expect(personalKind('residentId', 'resident')).toBe(null);
    expect(personalKind('name', 'sampling_point')).toBe(null);
  });
});
