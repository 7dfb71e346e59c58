/** The plate keyboard of the crossing form: the province abbreviations first, then letters and digits (no I, no O). */
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { PLATE_LETTERS, PLATE_SUFFIXES, PROVINCES } from '../../../domain/checkpoints/plates';

const KEYS = [...'0123456789', ...PLATE_LETTERS, ...PLATE_SUFFIXES];

export function PlateKeyboard({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const keys = value.length === 0 ? PROVINCES : KEYS;
  return (
    <div data-testid="plate-keyboard">
      <div style={{ display: 'grid', gridTemplateColumns: `repeat(${value.length === 0 ? 8 : 9}, 1fr)`, gap: 4 }}>
        {keys.map((k) => (
          <Button
            key={k}
            style={{ height: 40, padding: 0, fontSize: 18 }}
            disabled={value.length >= 8}
            onClick={() => onChange(value + k)}
            data-testid={`plate-key-${k}`}
          >
            {k}
          </Button>
        ))}
      </div>
      <div style={{ display: 'flex', gap: 8, marginTop: 6 }}>
        <Button block size="large" onClick={() => onChange(value.slice(0, -1))} disabled={!value} data-testid="plate-back">
          {t('checkpoints.plate.back')}
        </Button>
        <Button block size="large" onClick={() => onChange('')} disabled={!value}>
          {t('checkpoints.plate.clear')}
        </Button>
      </div>
    </div>
  );
}
