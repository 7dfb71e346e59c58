import { CameraOutlined, CloseOutlined } from '@ant-design/icons';
import { Button, Image, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PhotoRef } from '../../domain/photos/api';
import { MAX_PHOTOS_PER_RECORD, uploadPhoto } from '../../domain/photos/api';
import { api } from './api';
import { errorText } from './errors';
import { shrinkPhoto } from './photo-shrink';

/**
 * Photos for a record being filled in (proof of delivery, a failed inspection item): on a phone the button opens
 * the camera; each picture is shrunk on the device and uploaded at once, and the form keeps only the ids, which
 * the record's own request then names. Uploading needs the network; the record itself may still be queued.
 */
export function PhotoInput({ value = [], onChange, max = MAX_PHOTOS_PER_RECORD }: { value?: number[]; onChange?: (ids: number[]) => void; max?: number }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);

  const take = async (files: FileList | null) => {
    if (!files?.length) return;
    const room = Math.max(0, max - value.length);
    const chosen = Array.from(files).slice(0, room);
    setProblem(null);
    setBusy(chosen.length);
    const ids = [...value];
    for (const file of chosen) {
      try {
        const form = new FormData();
        form.append('file', await shrinkPhoto(file), 'photo.jpg');
        ids.push((await api.upload<{ id: number }>(uploadPhoto.path, form)).id);
        onChange?.([...ids]);
      } catch (e) {
        setProblem(errorText(e, t));
      } finally {
        setBusy((n) => n - 1);
      }
    }
    if (input.current) input.current.value = '';
  };

  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      <Space wrap size={8}>
        {value.map((id) => (
          <span key={id} style={{ position: 'relative', display: 'inline-block' }}>
            <Image src={`/api/photos/${id}`} width={72} height={72} style={{ objectFit: 'cover', borderRadius: 4 }} alt={t('photos.photo')} />
            <Button
              size="small"
              shape="circle"
              icon={<CloseOutlined />}
              aria-label={t('photos.remove')}
              style={{ position: 'absolute', top: -8, right: -8 }}
              onClick={() => onChange?.(value.filter((v) => v !== id))}
            />
          </span>
        ))}
        {value.length < max && (
          <Button icon={<CameraOutlined />} loading={busy > 0} onClick={() => input.current?.click()} style={{ height: 72, minWidth: 72 }}>
            {t('photos.take')}
          </Button>
        )}
      </Space>
      <input
        ref={input}
        type="file"
        accept="image/jpeg,image/png,image/webp"
        capture="environment"
        multiple
        hidden
        data-testid="photo-file"
        onChange={(e) => void take(e.target.files)}
      />
      {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
    </Space>
  );
}

/** A record's photos, small, each opening large on a tap. */
export function PhotoThumbs({ photos }: { photos: readonly PhotoRef[] }) {
  const { t } = useTranslation();
  if (!photos.length) return null;
  return (
    <Image.PreviewGroup>
      <Space wrap size={8}>
        {photos.map((p) => (
          <Image key={p.id} src={p.url} width={72} height={72} style={{ objectFit: 'cover', borderRadius: 4 }} alt={t('photos.photo')} />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}
