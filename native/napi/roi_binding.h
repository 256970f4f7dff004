// roiOperation(mask, options) and roiOperationAsync (a Promise; the masks are binarised into private
// copies first): 3D dilation, erosion, rings and the peritumoral ROI set (native/roi_ops.h).
#pragma once
#include <napi.h>

namespace radiomics {
namespace napi {

Napi::Value RoiOperation(const Napi::CallbackInfo& info);
Napi::Value RoiOperationAsync(const Napi::CallbackInfo& info);

}  // namespace napi
}  // namespace radiomics
