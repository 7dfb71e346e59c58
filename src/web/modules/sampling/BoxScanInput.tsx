/**
 * A scanner input like the desk's: a keyboard-wedge scanner types the barcode and ends with Enter, so the input
 * submits on Enter, clears itself and keeps the focus for the next tube. When the focus is lost to nowhere (a tap
 * on empty space, a list re-rendered) it comes back; a tap on another control keeps the focus there.
 */
import { Input, type InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';

export function BoxScanInput({
  onScan,
  placeholder,
  active = true,
  disabled,
  testId,
}: {
  onScan: (text: string) => void;
  placeholder: string;
  active?: boolean;
  disabled?: boolean;
  testId: string;
}) {
  const [value, setValue] = useState('');
  const ref = useRef<InputRef>(null);

  useEffect(() => {
    if (active && !disabled) setTimeout(() => ref.current?.focus(), 0);
  }, [active, disabled]);

  return (
    <Input
      ref={ref}
      data-testid={testId}
      size="large"
      style={{ fontSize: 20 }}
      autoComplete="off"
      autoCapitalize="characters"
      enterKeyHint="enter"
      disabled={disabled}
      placeholder={placeholder}
      value={value}
      onChange={(e) => setValue(e.target.value)}
      onPressEnter={() => {
        const text = value.trim();
        setValue('');
        if (text) onScan(text);
      }}
      onBlur={() =>
        setTimeout(() => {
          const now = document.activeElement;
          if (active && (!now || now === document.body) && !document.querySelector('.ant-select-open')) ref.current?.focus();
        }, 200)
      }
    />
  );
}
