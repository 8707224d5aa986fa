// Renders the app and tray icons in build/ from their SVG sources (run after editing them:
// `npx tsx scripts/make-icons.ts`). The PNGs are committed so packaging needs no renderer.
import sharp from 'sharp';

const icon = 'build/icon.svg';
const tray = 'build/tray.svg';

for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) {
  await sharp(icon, { density: 384 })
    .resize(size, size)
    .png()
    .toFile(`build/icons/${size}x${size}.png`);
}
await sharp(icon, { density: 384 }).resize(1024, 1024).png().toFile('build/icon.png');
// macOS template images: black + alpha, named *Template so the menu bar recolours them.
await sharp(tray, { density: 288 }).resize(16, 16).png().toFile('build/tray/trayTemplate.png');
await sharp(tray, { density: 288 }).resize(32, 32).png().toFile('build/tray/trayTemplate@2x.png');
// Linux and Windows trays do not recolour: a light icon for dark panels.
await sharp(tray, { density: 288 })
  .resize(32, 32)
  .negate({ alpha: false })
  .png()
  .toFile('build/tray/tray.png');
await sharp(tray, { density: 288 })
  .resize(64, 64)
  .negate({ alpha: false })
  .png()
  .toFile('build/tray/tray@2x.png');
console.log('icons written to build/');
